package io.brokerpolicy.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.brokerpolicy.security.OidcProviderProfile;
import io.brokerpolicy.testsupport.HeadlessChromium;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWireMock;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
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

    @OidcWireMock
    WireMockServer provider;

    @TestHTTPResource("/console/")
    URL console;

    private HeadlessChromium chromium;
    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void startChromium() throws IOException {
        chromium = HeadlessChromium.start();
        browser = chromium.browser();
        wait = chromium.await();
    }

    @AfterEach
    void stopChromium() throws IOException {
        if (chromium != null) {
            chromium.close();
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
