package io.brokerpolicy.console;

import static io.brokerpolicy.testsupport.StoredVerdicts.evaluate;
import static io.brokerpolicy.testsupport.StoredVerdicts.goldenSnapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.brokerpolicy.testsupport.Api;
import io.brokerpolicy.testsupport.HeadlessChromium;
import io.brokerpolicy.testsupport.StressBook;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The compliance console in a real headless Chromium against the test server: sign in, find a
 * stopped-out account, open its verdict, and read the story of the close-out on the timeline and the
 * chart. Screenshots go to target/console-*.png.
 */
@QuarkusTest
class ComplianceConsoleBrowserTest {

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
    void aComplianceOfficer_findsAStoppedOutAccount_andReadsItsCloseOutStepByStep() throws IOException {
        String account = "A-" + UUID.randomUUID().toString().substring(0, 8);
        String verdictId = evaluate(goldenSnapshot("04-stop-out-closes-two-in-order", "browser-" + UUID.randomUUID(),
                account));

        browser.get(console.toString());
        signIn(Api.COMPLIANCE, Api.PASSWORD);

        WebElement accountFilter = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("f-accountId")));
        accountFilter.sendKeys(account);
        new Select(browser.findElement(By.id("f-status"))).selectByValue("STOP_OUT");
        browser.findElement(By.id("search-submit")).click();
        WebElement row = wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("tr.verdict-row[data-verdict-id='" + verdictId + "']")));
        assertThat(browser.findElements(By.cssSelector("tr.verdict-row"))).hasSize(1);
        assertThat(row.getText()).contains(account).contains("Stopped out").contains("37.50%");
        row.click();

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("timeline")));
        assertThat(browser.findElement(By.id("explanation")).getText()).contains("was stopped out");
        List<WebElement> steps = browser.findElements(By.cssSelector("#timeline .timeline-item.close-out"));
        assertThat(steps).hasSize(2);
        assertThat(steps.get(0).getText()).contains("Step 1").contains("Closed p1").contains("-300.00")
                .contains("37.50% → 50.00%");
        assertThat(steps.get(1).getText()).contains("Step 2").contains("Closed p2").contains("50.00% → 75.00%");

        List<WebElement> points = browser.findElements(By.cssSelector("#margin-chart circle.step-point"));
        assertThat(points).extracting(p -> p.getAttribute("data-level")).containsExactly("37.5", "50", "75");
        assertThat(browser.findElements(By.cssSelector("#margin-chart .threshold-line"))).hasSize(2);
        assertThat(browser.findElement(By.id("margin-chart")).getText()).contains("Margin call 100.00%")
                .contains("Stop-out 50.00%");
        WebElement proofStatus = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#proof-status")));
        assertThat(proofStatus.getText()).matches("✓ Included in checkpoint [0-9,]+, verified");
        String leafHash = Api.asCompliance().get("/api/v1/verdicts/" + verdictId).then().extract().path("audit.leafHash");
        assertThat(browser.findElement(By.id("leaf-hash")).getText()).isEqualTo(leafHash);
        WebElement download = browser.findElement(By.id("download-proof"));
        assertThat(download.getAttribute("download")).isEqualTo("proof-" + verdictId + ".json");
        String downloaded = (String) ((org.openqa.selenium.JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1]; fetch(arguments[0]).then(r => r.text()).then(done);",
                download.getAttribute("href"));
        assertThat(Api.asCompliance().get("/api/v1/audit/public-key").then().extract().path("publicKey").toString())
                .isNotBlank();
        io.brokerpolicy.audit.log.InclusionProofCheck.Result offline = io.brokerpolicy.audit.log.InclusionProofCheck.check(
                io.brokerpolicy.intake.Json.MAPPER.readTree(downloaded), io.brokerpolicy.audit.log.PublicKeyText.parse(
                        Api.asCompliance().get("/api/v1/audit/public-key").then().extract().asString()), null);
        assertThat(offline.ok()).as(offline.message()).isTrue();
        assertThat(browser.findElement(By.id("fired-rules")).getText()).contains("MarginLevelAtOrBelowStopOut")
                .contains("rules/close-out.drl");
        screenshot("console-verdict.png");

        browser.findElement(By.id("replay-button")).click();
        WebElement identical = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("replay-identical")));
        assertThat(identical.getText()).contains("Identical");
        screenshot("console-verdict-replayed.png");
    }

    @Test
    void anExchangeLiquidation_isChartedAsMarginRatioAgainstTheLiquidationRatio() throws IOException {
        String verdictId = evaluate(goldenSnapshot("15-crypto-partial-liquidation-two-brackets",
                "browser-" + UUID.randomUUID(), "A-" + UUID.randomUUID().toString().substring(0, 8)));
        browser.get(console.toString());
        signIn(Api.COMPLIANCE, Api.PASSWORD);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("search-form")));
        browser.get(console + "#/verdicts/" + verdictId);

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("timeline")));
        List<WebElement> steps = browser.findElements(By.cssSelector("#timeline .timeline-item.close-out"));
        assertThat(steps).hasSize(2);
        assertThat(steps.get(0).getText()).contains("margin ratio 170.00% → 123.06%").contains("bracket 3 → 2");
        assertThat(browser.findElements(By.cssSelector("#margin-chart circle.step-point")))
                .extracting(p -> Double.parseDouble(p.getAttribute("data-level"))).containsExactly(170.0, 123.06, 22.85);
        assertThat(browser.findElement(By.id("margin-chart")).getText()).contains("Liquidation 100.00%")
                .contains("Margin call 80.00%");
        screenshot("console-verdict-exchange.png");
    }

    @Test
    void thePolicyPage_showsTheActiveVersionAndItsHistory() throws IOException {
        browser.get(console.toString());
        browser.findElement(By.id("username")).sendKeys(Api.COMPLIANCE);
        browser.findElement(By.id("password")).sendKeys(Api.PASSWORD);
        browser.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("search-form")));
        browser.get(console + "#/policy");
        WebElement active = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//div[@id='active-policy']/h2")));
        assertThat(active.getText()).startsWith("Active version v");
        wait.until(ExpectedConditions.not(ExpectedConditions.textToBePresentInElementLocated(By.id("policy-history"),
                "Loading")));
        screenshot("console-policy.png");

        browser.findElement(By.cssSelector("#nav a[data-nav='audit']")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("verify-button"))).click();
        WebElement verified = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#verify-result p.verify-ok")));
        assertThat(verified.getText()).contains("The log is intact").contains("signed checkpoints");
        assertThat(browser.findElement(By.id("public-key")).getText()).isEqualTo(
                Api.asCompliance().get("/api/v1/audit/public-key").then().extract().path("publicKey"));
    }

    @Test
    void aRiskEditor_entersShocks_andSeesTransitionsBrokerLossesAndTheWorstAccounts() throws IOException {
        StressBook book = new StressBook().store();
        browser.get(console.toString());
        signIn(Api.RISK_EDITOR, Api.PASSWORD);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("active-policy")));
        browser.findElement(By.cssSelector("#nav a[data-nav='stress']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("stress-version"), "active"));

        // The page offers two example moves; the book's own symbols replace them, so nobody else's prices move.
        for (WebElement remove : browser.findElements(By.cssSelector("#shock-rows .shock-row button"))) {
            remove.click();
        }
        addShock(book.fx, "-3");
        addShock(book.coin, "-150");
        browser.findElement(By.id("stress-run")).click();
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("stress-error")));
        assertThat(error.getText()).contains("shocks." + book.coin).contains("above -100");

        List<WebElement> moves = browser.findElements(By.cssSelector("#shock-rows .shock-move"));
        moves.get(1).clear();
        moves.get(1).sendKeys("-20");
        browser.findElement(By.id("stress-run")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("worst-chart")));

        assertThat(browser.findElement(By.id("stress-error")).isDisplayed()).isFalse();
        assertThat(cell("HEALTHY", "STOP_OUT")).isEqualTo("2");
        assertThat(cell("HEALTHY", "MARGIN_CALL")).isEqualTo("1");
        assertThat(cell("MARGIN_CALL", "STOP_OUT")).isEqualTo("0");
        assertThat(browser.findElement(By.id("newly-stopped-out")).getText()).contains("(1)").contains(book.account(1));
        assertThat(browser.findElement(By.id("newly-margin-called")).getText()).contains("(1)").contains(book.account(2));
        assertThat(browser.findElement(By.id("newly-liquidated")).getText()).contains("(1)").contains(book.account(3));
        assertThat(browser.findElements(By.cssSelector("#worst-chart rect.loss-bar")))
                .extracting(b -> b.getAttribute("data-account") + " " + b.getAttribute("data-loss"))
                .containsExactly(book.account(1) + " 3300", book.account(2) + " 3300", book.account(3) + " 2000");
        assertThat(browser.findElement(By.cssSelector("#worst-chart rect.loss-bar.STOP_OUT")).getAttribute("data-account"))
                .isEqualTo(book.account(1));
        WebElement usdt = browser.findElement(By.cssSelector("#broker-losses tr[data-currency='USDT']"));
        assertThat(usdt.findElements(By.cssSelector("td.loss-added")).get(1).getText()).isEqualTo("500.00");
        screenshot("console-stress.png");
    }

    private void addShock(String symbol, String move) {
        browser.findElement(By.id("shock-add")).click();
        List<WebElement> rows = browser.findElements(By.cssSelector("#shock-rows .shock-row"));
        WebElement row = rows.get(rows.size() - 1);
        row.findElement(By.cssSelector(".shock-symbol")).sendKeys(symbol);
        row.findElement(By.cssSelector(".shock-move")).sendKeys(move);
    }

    private String cell(String from, String to) {
        return browser.findElement(By.cssSelector("#transition-matrix td[data-from='" + from + "'][data-to='" + to + "']"))
                .getText();
    }

    private void signIn(String user, String password) {
        WebElement name = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        name.sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("login-submit")).click();
    }

    /** The whole page, not just the window: the window is stretched to the document's height first. */
    private void screenshot(String name) throws IOException {
        Number height = (Number) ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("return document.documentElement.scrollHeight");
        browser.manage().window().setSize(new Dimension(1360, Math.min(5000, height.intValue() + 200)));
        Path target = Path.of("target", name);
        Files.write(target, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
