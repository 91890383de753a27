package dev.tern.broker.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.broker.Broker;
import dev.tern.broker.BrokerConfig;
import dev.tern.broker.MutableClock;
import dev.tern.broker.RecordingClient;
import dev.tern.broker.net.TcpSettings;
import dev.tern.protocol.AckMode;
import dev.tern.protocol.BodyType;
import dev.tern.protocol.Command;
import dev.tern.protocol.DestinationName;
import dev.tern.protocol.MessageRecord;
import dev.tern.protocol.TypedValueCodec;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console in a real browser: headless Chromium from the system's packages, driven by Selenium.
 * Skipped, saying what to install, where {@value #CHROMIUM} or {@value #CHROMEDRIVER} is missing
 * ({@code apt-get install chromium chromium-driver}, as {@code .ci/run} does).
 */
@Timeout(120)
class ConsoleBrowserTest {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path browserProfile;

    private final MutableClock clock = MutableClock.startingAt(Instant.now());
    private Broker broker;
    private RecordingClient client;
    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void start() {
        Assumptions.assumeTrue(Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER)),
                "No Chromium here: install it with apt-get install -y chromium chromium-driver");
        broker = Broker.start(BrokerConfig.named("console-" + UUID.randomUUID()).withPersistent(false).withClock(clock)
                .withHttp(TcpSettings.onPort(0).withHost("127.0.0.1")));
        client = RecordingClient.connectedTo(broker);
        client.call(id -> new Command.OpenConnection(id, "console-test-client", null, null));
        client.call(id -> new Command.CreateSession(id, 1, AckMode.AUTO));
        browser = chromium(browserProfile);
        // the page redraws its tables every few seconds: an element found just before may be gone
        wait = (WebDriverWait) new WebDriverWait(browser, WAIT).ignoring(StaleElementReferenceException.class);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (broker != null) {
            broker.close();
        }
    }

    /** Headless Chromium as root in a container: no sandbox, no background traffic to Google. */
    static WebDriver chromium(Path profile) {
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless=new", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1400,1000", "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of(CHROMEDRIVER).toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    @Test
    void theConsoleListsTheQueuesAndSortsAndFiltersThem() {
        send("alpha", 1);
        send("bravo", 3);
        send("charlie", 2);
        open();

        awaitQueueNames("alpha", "bravo", "charlie");
        browser.findElement(By.cssSelector("#queue-table th[data-key=messageCount]")).click();
        awaitQueueNames("bravo", "charlie", "alpha");
        browser.findElement(By.cssSelector("#queue-table th[data-key=messageCount]")).click();
        awaitQueueNames("alpha", "charlie", "bravo");
        browser.findElement(By.id("filter")).sendKeys("rav");
        awaitQueueNames("bravo");
        awaitCell("bravo", "messages", "3");
    }

    @Test
    void browsingAQueueShowsItsMessagesWithHeadersPropertiesAndText() {
        send("orders", 3);
        open();
        row("orders").click();

        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#message-table tbody tr"), 3));
        assertThat(browser.findElement(By.id("page-info")).getText()).isEqualTo("1–3 of 3");
        browser.findElements(By.cssSelector("#message-table tbody tr")).get(1).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("message-view")));
        assertThat(browser.findElement(By.id("message-body")).getText()).isEqualTo("order 1");
        assertThat(browser.findElement(By.id("message-view-title")).getText()).isEqualTo("ID:orders-1");
        assertThat(browser.findElement(By.id("message-headers")).getText()).contains("region", "\"eu\"", "Priority");
    }

    @Test
    void purgeAsksFirstAndEmptiesTheQueueOnlyOnceConfirmed() {
        send("orders", 3);
        open();
        row("orders").click();

        browser.findElement(By.id("purge-button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm")));
        assertThat(browser.findElement(By.id("confirm-text")).getText()).contains("orders");
        browser.findElement(By.id("confirm-cancel")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("confirm")));
        assertThat(broker.messageCount("orders")).hasValue(3);

        browser.findElement(By.id("purge-button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm")));
        browser.findElement(By.id("confirm-ok")).click();
        wait.until(driver -> broker.messageCount("orders").orElse(-1) == 0);
        awaitCell("orders", "messages", "0");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("page-info"), "no messages waiting"));
        assertThat(browser.findElement(By.id("status")).getText()).contains("purge orders: 3 messages");
    }

    @Test
    void pauseHoldsTheQueueAndResumeReleasesIt() {
        send("orders", 1);
        open();
        row("orders").click();

        browser.findElement(By.id("pause-button")).click();
        wait.until(driver -> broker.postOffice().queue("orders").isPaused());
        awaitCell("orders", "state", "paused");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("resume-button"))).click();
        wait.until(driver -> !broker.postOffice().queue("orders").isPaused());
        awaitCell("orders", "state", "active");
    }

    @Test
    void moveTakesTheMessagesASelectorPicksToAnotherQueue() {
        send("orders", 3);
        open();
        row("orders").click();

        browser.findElement(By.id("move-button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-field-target"))).sendKeys("orders.review");
        browser.findElement(By.id("confirm-field-selector")).sendKeys("JMSMessageID = 'ID:orders-2'");
        browser.findElement(By.id("confirm-ok")).click();

        wait.until(driver -> broker.messageCount("orders.review").orElse(0) == 1);
        assertThat(broker.messageCount("orders")).hasValue(2);
        wait.until(driver -> queueNames().contains("orders.review"));
    }

    @Test
    void theChartDrawsTheLastHourOfDepthAndRates() {
        send("invoices", 4);
        send("DLQ", 1);
        send("orders", 2);
        for (int point = 1; point <= 3; point++) {
            clock.advance(Duration.ofMillis(QueueHistory.RESOLUTION_MILLIS));
            awaitHistoryPoints(point);
            if (point == 1) {
                send("orders", 3);
            }
        }
        open();
        row("orders").click();

        wait.until(driver ->
                driver.findElements(By.cssSelector("#depth-chart polyline")).stream()
                        .anyMatch(line -> line.getAttribute("points").split(" ").length >= 3));
        assertThat(browser.findElements(By.cssSelector("#rate-chart polyline"))).hasSize(2);
        assertThat(browser.findElement(By.id("depth-chart")).getText()).contains("5");
        saveScreenshot();
    }

    @Test
    void theOtherTabsListTheConnectionsAndThePolicies() {
        broker.setPolicy("orders.>", "maxDeliveryAttempts", "7");
        open();

        browser.findElement(By.id("tab-connections")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("connection-table"), "console-test-client"));
        browser.findElement(By.id("tab-policies")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("policy-table"), "orders.>"));
        assertThat(browser.findElement(By.id("policy-table")).getText()).contains("maxDeliveryAttempts", "7");
        assertThat(browser.findElement(By.id("queues")).isDisplayed()).isFalse();
    }

    /** Waits until the broker's timer has taken this many points of the queue orders. */
    private void awaitHistoryPoints(int count) {
        HttpClient http = HttpClient.newHttpClient();
        URI history = URI.create("http://127.0.0.1:" + broker.httpPort() + "/api/history?queue=orders");
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> http.send(HttpRequest.newBuilder(history).build(),
                HttpResponse.BodyHandlers.ofString()).body().split("\"time\"").length - 1 >= count);
    }

    private void open() {
        browser.get("http://127.0.0.1:" + broker.httpPort() + "/");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "updated"));
    }

    private List<String> queueNames() {
        return browser.findElements(By.cssSelector("#queue-table tbody td.name")).stream().map(WebElement::getText).toList();
    }

    private void awaitQueueNames(String... names) {
        new WebDriverWait(browser, WAIT).ignoring(StaleElementReferenceException.class)
                .withMessage(() -> "queues shown: " + queueNames()).until(driver -> queueNames().equals(List.of(names)));
    }

    private void awaitCell(String queue, String column, String text) {
        wait.until(driver -> cell(queue, column).equals(text));
    }

    private WebElement row(String queue) {
        return wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#queue-table tr[data-queue='" + queue + "']")));
    }

    private String cell(String queue, String column) {
        return browser.findElement(By.cssSelector("#queue-table tr[data-queue='" + queue + "'] td." + column)).getText();
    }

    /** Saves what the browser shows, for the README's screenshot: target/console.png. */
    private void saveScreenshot() {
        try {
            byte[] png = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
            Files.write(Path.of("target", "console.png"), png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void send(String queue, int count) {
        for (int i = 0; i < count; i++) {
            String text = "order " + i;
            MessageRecord message = new MessageRecord("ID:" + queue + "-" + i, DestinationName.queue(queue),
                    clock.millis(), null, null, null, false, 4, 0, 0, Map.of("region", "eu"), BodyType.TEXT, text(text));
            client.call(id -> new Command.Send(id, 1, message));
        }
    }

    /** A text body as the client encodes it. */
    static byte[] text(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            TypedValueCodec.writeString(out, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
