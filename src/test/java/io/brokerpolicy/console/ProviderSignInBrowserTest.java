package io.brokerpolicy.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.brokerpolicy.security.OidcProviderProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWireMock;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console's "Sign in with <provider>" in a real headless Chromium: the provider's login page (Quarkus' test
 * OIDC server), back to the console signed in, the verdict search loaded with the provider's access token.
 * Screenshot: target/console-provider-sign-in.png.
 */
@QuarkusTest
@TestProfile(OidcProviderProfile.class)
class ProviderSignInBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @OidcWireMock
    WireMockServer provider;

    @TestHTTPResource("/console/")
    URL console;

    private WebDriver browser;
    private WebDriverWait wait;
    private Path profile;

    @BeforeEach
    void startChromium() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "browser test skipped: /usr/bin/chromium is not installed"
                + " (apt-get install -y chromium chromium-driver; .ci/run installs them)");
        profile = Files.createTempDirectory("console-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=1360,1000", "--force-device-scale-factor=1");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @AfterEach
    void stopChromium() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void aComplianceOfficer_signsInThroughTheProvider_andSearchesVerdicts() throws IOException {
        OidcProviderProfile.answerCodeExchangeAs(provider, "carol", Set.of("compliance"));
        browser.get(console.toString());
        var signIn = wait.until(ExpectedConditions.elementToBeClickable(By.id("oidc-sign-in")));
        assertThat(signIn.getText()).isEqualTo("Sign in with Test provider");
        signIn.click();

        // the provider's login page, on the provider's own server
        var user = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        assertThat(browser.getCurrentUrl()).startsWith(provider.baseUrl());
        user.sendKeys("carol");
        browser.findElement(By.id("password")).sendKeys("carol");
        browser.findElement(By.id("login")).click();

        wait.until(ExpectedConditions.textToBe(By.id("session-user"), "carol"));
        assertThat(browser.getCurrentUrl()).startsWith(console.toString()).endsWith("#/verdicts");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("search-form")));
        assertThat(browser.findElement(By.id("login")).isDisplayed()).isFalse();
        Files.write(Path.of("target", "console-provider-sign-in.png"),
                ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
