package io.brokerpolicy.console;

import static io.brokerpolicy.testsupport.StoredVerdicts.evaluate;
import static io.brokerpolicy.testsupport.StoredVerdicts.goldenSnapshot;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.brokerpolicy.testsupport.Api;
import io.brokerpolicy.testsupport.HeadlessChromium;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What a new user of the console tripped over, each in a real headless Chromium against the test server: a
 * wrong password, a position reduced twice, an exchange verdict's margin ratio, the date filters, and the
 * policy history's activations and rollbacks. Screenshots go to target/console-fix-*.png.
 */
@QuarkusTest
class ConsoleFixesBrowserTest {

    @TestHTTPResource("/console/")
    URL console;

    private HeadlessChromium chromium;
    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void startChromium() throws IOException {
        // en-US, the locale whose date inputs read 11/21/2026 where the console means 2026-11-21 (UTC)
        chromium = HeadlessChromium.start("--lang=en-US");
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
    void aWrongPassword_saysSo_andTheSignInButtonWorksAgain() throws IOException {
        browser.get(console.toString());
        signIn(Api.COMPLIANCE, "not-the-password");
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-error")));
        assertThat(error.getText()).isEqualTo("The user name or password is not right.");
        WebElement submit = browser.findElement(By.id("login-submit"));
        wait.until(ExpectedConditions.elementToBeClickable(submit));
        screenshot("console-fix-wrong-password.png");

        browser.findElement(By.id("password")).clear();
        browser.findElement(By.id("password")).sendKeys(Api.PASSWORD);
        submit.click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("search-form")));
        assertThat(browser.findElement(By.id("session-user")).getText()).isEqualTo(Api.COMPLIANCE);
    }

    @Test
    void theConsolesRequestsGetNoBasicChallenge_otherClientsStillDo() {
        Response fromScript = given().auth().preemptive().basic(Api.COMPLIANCE, "not-the-password")
                .header("X-Requested-With", "XMLHttpRequest").get("/api/v1/policy/active");
        assertThat(fromScript.statusCode()).isEqualTo(401);
        assertThat(fromScript.header("WWW-Authenticate")).isNull();
        Response fromCurl = given().auth().preemptive().basic(Api.COMPLIANCE, "not-the-password").get("/api/v1/policy/active");
        assertThat(fromCurl.statusCode()).isEqualTo(401);
        assertThat(fromCurl.header("WWW-Authenticate")).startsWithIgnoringCase("Basic");
        Response anonymous = given().get("/api/v1/policy/active");
        assertThat(anonymous.header("WWW-Authenticate")).startsWithIgnoringCase("Basic");
        // the sign-in backoff still holds the console's requests back: 429 with Retry-After after five failures
        String guessed = "no-such-user-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 5; i++) {
            given().auth().preemptive().basic(guessed, "guess-" + i).header("X-Requested-With", "XMLHttpRequest")
                    .get("/api/v1/policy/active").then().statusCode(401);
        }
        Response held = given().auth().preemptive().basic(guessed, "guess-6").header("X-Requested-With", "XMLHttpRequest")
                .get("/api/v1/policy/active");
        assertThat(held.statusCode()).isEqualTo(429);
        assertThat(held.header("Retry-After")).isNotNull();
        // a right password clears the failures, so other tests signing in from here are not held back
        Api.asCompliance().get("/api/v1/policy/active").then().statusCode(200);
    }

    @Test
    void aPositionReducedTwice_readsAsTwoReductions_andAClosedOneAsClosed() throws IOException {
        String reduced = evaluate(goldenSnapshot("15-crypto-partial-liquidation-two-brackets",
                "browser-" + UUID.randomUUID(), "A-" + UUID.randomUUID().toString().substring(0, 8)));
        browser.get(console.toString());
        signIn(Api.COMPLIANCE, Api.PASSWORD);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("search-form")));
        browser.get(console + "#/verdicts/" + reduced);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("timeline")));
        List<WebElement> steps = browser.findElements(By.cssSelector("#timeline .timeline-item.close-out"));
        assertThat(steps).extracting(WebElement::getText).satisfiesExactly(
                first -> assertThat(first).contains("Reduced p1").contains("reduced by 0.834, 4.166 remaining")
                        .doesNotContain("Closed"),
                second -> assertThat(second).contains("Reduced p1").doesNotContain("Closed"));
        WebElement outcome = browser.findElement(By.cssSelector("#positions tr[data-position-id='p1'] td.outcome"));
        assertThat(outcome.getText()).contains("reduced, step 1/2").contains("reduced, step 2/2")
                .contains("0.833 left").doesNotContain("closed");
        screenshot("console-fix-reduced.png");

        String closed = evaluate(goldenSnapshot("04-stop-out-closes-two-in-order", "browser-" + UUID.randomUUID(),
                "A-" + UUID.randomUUID().toString().substring(0, 8)));
        browser.get(console + "#/verdicts/" + closed);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("timeline"), "Closed p2"));
        assertThat(browser.findElement(By.cssSelector("#positions tr[data-position-id='p1'] td.outcome")).getText())
                .isEqualTo("closed, step 1/2");
        assertThat(browser.findElement(By.cssSelector("#positions tr[data-position-id='p3'] td.outcome")).getText())
                .isEqualTo("open");
    }

    @Test
    void anExchangeVerdict_showsItsMarginRatio_inSearchAndDetail() throws IOException {
        String account = "A-" + UUID.randomUUID().toString().substring(0, 8);
        String verdictId = evaluate(goldenSnapshot("15-crypto-partial-liquidation-two-brackets",
                "browser-" + UUID.randomUUID(), account));
        browser.get(console.toString());
        signIn(Api.COMPLIANCE, Api.PASSWORD);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("search-form")));
        browser.get(console + "#/verdicts?accountId=" + account);
        WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("tr.verdict-row[data-verdict-id='" + verdictId + "']")));
        WebElement margin = row.findElement(By.cssSelector("td.margin"));
        assertThat(margin.getText()).contains("170.00%").contains("ratio").doesNotContain("6.67");
        screenshot("console-fix-search-ratio.png");

        row.click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("timeline")));
        String page = browser.findElement(By.id("view")).getText();
        assertThat(page).contains("Margin ratio").contains("170.00%").doesNotContain("6.67%");
        assertThat(browser.findElement(By.id("timeline")).getText()).contains("margin ratio 22.85%")
                .doesNotContain("margin level");
    }

    @Test
    void theDateFilters_areIsoUtc_andShowWhatWasTyped() throws IOException {
        browser.get(console.toString());
        signIn(Api.COMPLIANCE, Api.PASSWORD);
        WebElement from = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("f-from")));
        assertThat(from.getAttribute("type")).isEqualTo("text");
        assertThat(browser.findElement(By.cssSelector("label[for='f-from']")).getText()).contains("UTC");
        assertThat(from.getAttribute("placeholder")).isEqualTo("2026-11-21T14:03:11Z");
        from.sendKeys("2026-11-21 14:03");
        browser.findElement(By.id("f-to")).sendKeys("2026-11-22");
        browser.findElement(By.id("search-submit")).click();
        wait.until(ExpectedConditions.urlContains("from="));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("#results .loading")));
        assertThat(browser.getCurrentUrl()).contains("from=2026-11-21T14%3A03%3A00Z").contains("to=2026-11-22");
        WebElement shown = browser.findElement(By.id("f-from"));
        assertThat(shown.getAttribute("value")).isEqualTo("2026-11-21T14:03:00Z");
        assertThat(browser.findElement(By.id("results")).getText()).doesNotContain("not valid");
        // the whole value is visible: the box is as wide as its text
        JavascriptExecutor js = (JavascriptExecutor) browser;
        for (String id : new String[] {"f-from", "f-to"}) {
            Number scroll = (Number) js.executeScript("return document.getElementById(arguments[0]).scrollWidth", id);
            Number client = (Number) js.executeScript("return document.getElementById(arguments[0]).clientWidth", id);
            assertThat(scroll.intValue()).as(id + " cut off").isLessThanOrEqualTo(client.intValue());
        }
        screenshot("console-fix-date-filters.png");

        shown.clear();
        shown.sendKeys("11/21/2026");
        browser.findElement(By.id("search-submit")).click();
        WebElement problem = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("filter-error")));
        assertThat(problem.getText()).contains("Evaluated from").contains("YYYY-MM-DD");
    }

    @Test
    void thePolicyHistory_showsWhoActivatedAndRolledBackWhen() throws IOException {
        String active = Api.asRiskEditor().get("/api/v1/policy/active").then().statusCode(200).extract().asString();
        long before = Long.parseLong(active.replaceAll("(?s).*\"version\":(\\d+).*", "$1"));
        String acme = Files.readString(Path.of("policies/acme-fx.yaml"));
        int draft = Api.asRiskEditor().contentType(ContentType.JSON)
                .body(Map.of("files", Map.of("policies/acme-fx.yaml", acme + "\n# console history " + UUID.randomUUID() + "\n")))
                .post("/api/v1/policy/drafts").then().statusCode(201).extract().path("version");
        Api.asRiskEditor().post("/api/v1/policy/versions/" + draft + "/activate").then().statusCode(200);
        Api.asRiskEditor().post("/api/v1/policy/rollback").then().statusCode(200);

        browser.get(console.toString());
        signIn(Api.RISK_EDITOR, Api.PASSWORD);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("active-policy")));
        WebElement events = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("policy-events")));
        List<WebElement> rows = events.findElements(By.cssSelector("tbody tr"));
        List<String> texts = rows.stream().map(WebElement::getText).toList();
        // newest first: the rollback, the draft retired by it, the activation, the version it retired, the draft
        assertThat(texts.get(0)).contains("Rolled back to").contains("v" + before).contains(Api.RISK_EDITOR)
                .contains("rollback from version " + draft).containsPattern("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}.* UTC");
        assertThat(texts.get(1)).contains("Retired").contains("v" + draft).contains(Api.RISK_EDITOR);
        assertThat(texts.get(2)).contains("Activated").contains("v" + draft).contains(Api.RISK_EDITOR);
        assertThat(texts.get(3)).contains("Retired").contains("v" + before);
        assertThat(texts.get(4)).contains("Created").contains("v" + draft).contains(Api.RISK_EDITOR);
        WebElement draftVersion = browser.findElement(By.xpath("//div[@id='policy-history']//tr[td[1]='v" + draft + "']"));
        assertThat(draftVersion.getText()).contains("RETIRED").as("created and last activated, in UTC")
                .containsPattern("UTC.* UTC");
        screenshot("console-fix-policy-events.png");
    }

    private void signIn(String user, String password) {
        WebElement name = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        name.clear();
        name.sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("login-submit")).click();
    }

    private void screenshot(String name) throws IOException {
        Files.write(Path.of("target", name), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
