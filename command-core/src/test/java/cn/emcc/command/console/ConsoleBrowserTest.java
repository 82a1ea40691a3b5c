package cn.emcc.command.console;

import cn.emcc.command.http.Json;
import cn.emcc.command.testsupport.Envelopes;
import cn.emcc.command.testsupport.RunningNode;
import cn.emcc.protocols.client.Reply;
import cn.emcc.protocols.v1.Casualties;
import cn.emcc.protocols.v1.DispatchOrder;
import cn.emcc.protocols.v1.IncidentCategory;
import cn.emcc.protocols.v1.OrderStage;
import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The duty officer's console in a real browser (headless Chromium) against a
 * real node: a county officer signs in, a 119 alarm arrives over the agency
 * gateway and appears on the map and at the top of the queue, the officer
 * verifies it and confirms the recommended dispatch in one click, the fire
 * agency accepts and reports en route and on scene, and the timeline shows
 * each step; the officer adds a note to the timeline and asks the city for
 * mutual aid. The city above sees the incident and declines the request on its
 * dashboard; another county does not see the incident.
 * Screenshots go to {@code target/console-screenshots/}.
 */
class ConsoleBrowserTest {

    static final String NEW_PASSWORD = "duty-officer-password-2026";
    static final Path SHOTS = Path.of("target", "console-screenshots");
    static final Duration PATIENCE = Duration.ofSeconds(40);
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path scratch;

    /** Cheap password hashes: the test signs in several officers and hashing is not what it is about. */
    static Config node() {
        return ConfigFactory.parseString("""
                emcc.officers.argon2.memory-kib = 8192
                emcc.officers.argon2.iterations = 1
                """);
    }

    @Test
    void a_county_officer_sees_a_119_alarm_arrive_verifies_it_and_dispatches_the_recommended_units_in_the_browser()
            throws Exception {
        Files.createDirectories(SHOTS);
        try (ConsoleStage stage = ConsoleStage.start(scratch, node())) {
            RunningNode node = stage.node();
            AcceptingFireAgency fire = stage.fire();
            URI base = stage.base();
            String lixiaPassword = stage.officer("li.ming", "李明", "370102");
            String jinanPassword = stage.officer("zhao.lei", "赵磊", "370100");
            String shizhongPassword = stage.officer("sun.li", "孙丽", "370103");

            ChromeDriver browser = HeadlessChromium.start(1366, 768);
            try {
                WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
                // the live page re-renders what it shows: an element found a moment ago may be replaced
                wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);

                // The county officer signs in (setting a password in place of the one-time one).
                signIn(browser, wait, base, "li.ming", lixiaPassword);
                wait.until(ExpectedConditions.textToBe(By.id("node-name"), "历下区"));
                assertThat(browser.findElement(By.id("node-tier")).getText()).isEqualTo("县级指挥节点");
                assertThat(browser.findElement(By.cssSelector("[data-tab=queue]")).getText()).isEqualTo("事件队列");
                waitLive(wait);
                assertThat(browser.findElement(By.id("tab-dashboard")).isDisplayed())
                        .as("a county officer has no node dashboard").isFalse();

                // A 119 alarm arrives over the agency gateway.
                Reply reply = fire.client().send(Envelopes.fireAlarm(fire.client(), Envelopes.JINAN_LON,
                        Envelopes.JINAN_LAT, IncidentCategory.INCIDENT_CATEGORY_FIRE_BUILDING,
                        Casualties.newBuilder().setCallers(1).build())).get();
                assertThat(reply).isInstanceOf(Reply.Acked.class);
                String incident = ((Reply.Acked) reply).ack().getEffectRef();

                // It is at the top of the queue, flashing, and on the map.
                wait.until(d -> incident.equals(firstInQueue(d)));
                assertThat(browser.findElement(queueItem(incident)).getAttribute("class")).contains("flash");
                wait.until(ExpectedConditions.visibilityOfElementLocated(marker(incident)));
                wait.until(ExpectedConditions.attributeToBe(By.id("map"), "data-boundaries", "1"));
                noHorizontalOverflow(browser);
                shot(browser.findElement(By.id("map")).getScreenshotAs(OutputType.FILE), "map.png");
                shot(browser.findElement(By.cssSelector("aside.side")).getScreenshotAs(OutputType.FILE), "queue.png");

                // The officer opens it, verifies it and confirms the recommended dispatch.
                click(wait, queueItem(incident));
                wait.until(ExpectedConditions.textToBe(By.id("detail-id"), incident));
                click(wait, By.id("action-verify"));
                wait.until(d -> statusOf(d).equals("INCIDENT_STATUS_VERIFIED") || statusOf(d).equals("INCIDENT_STATUS_DISPATCHING"));
                wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#recommendation tr.proposed")));
                // the panel re-renders as the incident changes: read the table in one script
                @SuppressWarnings("unchecked")
                List<String> recommended = (List<String>) ((JavascriptExecutor) browser).executeScript(
                        "return [...document.querySelectorAll('#recommendation tr.proposed')].map(tr => tr.dataset.unit);");
                String firstRow = (String) ((JavascriptExecutor) browser).executeScript(
                        "return document.querySelector('#recommendation tr.proposed').innerText;");
                assertThat(recommended).isNotEmpty();
                assertThat(firstRow).as("unit, agency, ETA, distance, jurisdiction, reason (in Chinese)")
                        .contains("分钟", "公里", "推荐：", "预计");
                click(wait, By.id("action-confirm"));

                // The fire agency accepts its orders and reports en route, then on scene.
                waitFor("the fire agency accepts orders for the recommended engines",
                        () -> !fire.accepted.isEmpty()
                                && fire.accepted.values().stream().allMatch(o -> recommended.contains(o.getUnitId())));
                Map<String, DispatchOrder> accepted = Map.copyOf(fire.accepted);
                // the officer's order table shows each acceptance once emcc has it
                for (String orderId : accepted.keySet()) {
                    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(
                            "#orders tr[data-order='" + orderId + "'][data-state='ACCEPTED']")));
                }
                for (DispatchOrder order : accepted.values()) {
                    assertThat(order.getIncidentId()).isEqualTo(incident);
                    assertThat(fire.progress(order, OrderStage.ORDER_STAGE_EN_ROUTE)).isInstanceOf(Reply.Acked.class);
                    assertThat(fire.progress(order, OrderStage.ORDER_STAGE_ON_SCENE)).isInstanceOf(Reply.Acked.class);
                }

                // The detail's timeline shows every step, in Chinese.
                wait.until(d -> statusOf(d).equals("INCIDENT_STATUS_ON_SCENE"));
                for (DispatchOrder order : accepted.values()) {
                    String step = "指令 " + order.getOrderId() + "：" + order.getUnitId();
                    for (String what : new String[]{"（", " 已接受", " 已出发", " 已到场"}) {
                        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("timeline"), step + what));
                    }
                }
                String timeline = browser.findElement(By.id("timeline")).getText();
                assertThat(timeline).contains("li.ming", "状态：已接报 → 已核实", "出动建议");
                assertThat(timeline).as("no English from the server in the Chinese timeline")
                        .doesNotContain(" accepted", " en route", " on scene", "dispatch proposed", "graded:");

                // The officer writes a note under the timeline; it joins the timeline and the box empties.
                String note = "现场指挥部设在泉城广场东门";
                // typed in one script: the live panel may re-render between keystrokes of sendKeys
                ((JavascriptExecutor) browser).executeScript("""
                        const box = document.getElementById('note-text');
                        box.value = arguments[0];
                        box.dispatchEvent(new Event('input', {bubbles: true}));""", note);
                click(wait, By.id("action-note"));
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("timeline"), note));
                wait.until(d -> "".equals(((JavascriptExecutor) d).executeScript(
                        "return document.getElementById('note-text').value;")));

                // ...and asks the city for one more unit of a capability of the plan.
                click(wait, By.id("action-mutual-aid"));
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("field-note")))
                        .sendKeys("火势向东侧商铺蔓延");
                assertThat(browser.findElement(By.id("field-capability")).getAttribute("value")).isNotBlank();
                browser.findElement(By.id("dialog-ok")).click();
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("toast"), "MA-"));
                noHorizontalOverflow(browser);
                ((JavascriptExecutor) browser).executeScript("document.getElementById('panel-detail').scrollTop = 0;");
                shot(browser.getScreenshotAs(OutputType.FILE), "detail.png");

                // The same, in English.
                browser.findElement(By.cssSelector("header .lang-toggle")).click();
                wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-tab=queue]"), "Incident queue"));
                wait.until(ExpectedConditions.textToBe(By.id("detail-status"), "On scene"));
                assertThat(browser.findElement(By.id("node-tier")).getText()).isEqualTo("County command node");
                for (DispatchOrder order : accepted.values()) {
                    String step = "order " + order.getOrderId() + ": " + order.getUnitId();
                    for (String what : new String[]{" (", " accepted", " en route", " on scene"}) {
                        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("timeline"), step + what));
                    }
                }
                assertThat(browser.findElement(By.id("timeline")).getText())
                        .contains("li.ming", "status: Reported → Verified", "dispatch proposed");
                shot(browser.getScreenshotAs(OutputType.FILE), "detail-en.png");
                browser.findElement(By.cssSelector("header .lang-toggle")).click();
                wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-tab=queue]"), "事件队列"));

                // The city above sees it, with its node dashboard.
                signOut(browser, wait);
                signIn(browser, wait, base, "zhao.lei", jinanPassword);
                wait.until(ExpectedConditions.textToBe(By.id("node-name"), "济南市"));
                assertThat(browser.findElement(By.id("node-tier")).getText()).isEqualTo("市级指挥节点");
                wait.until(ExpectedConditions.presenceOfElementLocated(queueItem(incident)));
                wait.until(ExpectedConditions.visibilityOfElementLocated(marker(incident)));
                browser.findElement(By.id("tab-dashboard")).click();
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("county-rows"), "历下区"));
                wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#hourly-chart canvas")));
                // The county's mutual-aid request waits there; the city declines it with a reason.
                By request = By.cssSelector("#mutual-aid li[data-mutual-aid][data-state='REQUESTED']");
                wait.until(ExpectedConditions.textToBePresentInElementLocated(request, "火势向东侧商铺蔓延"));
                shot(browser.getScreenshotAs(OutputType.FILE), "dashboard.png");
                click(wait, By.cssSelector("#mutual-aid button[data-act='decline']"));
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("field-reason")))
                        .sendKeys("本市其他区县消防力量均已出动");
                browser.findElement(By.id("dialog-ok")).click();
                wait.until(ExpectedConditions.invisibilityOfElementLocated(request));

                // Another county does not.
                signOut(browser, wait);
                signIn(browser, wait, base, "sun.li", shizhongPassword);
                wait.until(ExpectedConditions.textToBe(By.id("node-name"), "市中区"));
                waitLive(wait);
                assertThat(browser.findElements(By.cssSelector("#queue li[data-incident]"))).isEmpty();
                assertThat(browser.findElements(marker(incident))).isEmpty();
                Object status = ((JavascriptExecutor) browser).executeAsyncScript("""
                        const done = arguments[arguments.length - 1];
                        fetch('/v1/incidents/' + arguments[0], {headers: {Authorization: 'Bearer '
                          + sessionStorage.getItem('emcc.token')}}).then(r => done(r.status));""", incident);
                assertThat(((Number) status).intValue()).as("another county's officer asking for the incident")
                        .isEqualTo(403);
            } catch (AssertionError | RuntimeException e) {
                System.out.println("browser console:\n" + HeadlessChromium.consoleOf(browser));
                throw e;
            } finally {
                browser.quit();
            }
        }
    }

    static void signIn(WebDriver browser, WebDriverWait wait, URI base, String username, String oneTimePassword) {
        browser.get(base + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-username"))).sendKeys(username);
        browser.findElement(By.id("login-password")).sendKeys(oneTimePassword);
        browser.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-password"))).sendKeys(NEW_PASSWORD);
        browser.findElement(By.id("repeat-password")).sendKeys(NEW_PASSWORD);
        browser.findElement(By.id("password-submit")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("map")));
    }

    /**
     * The browser signed in as the officer (setting a password in place of the one-time one), on the page of
     * the node named {@code nodeName} with its stream live; answers the wait to use with it (patient, and
     * blind to elements the live page replaced meanwhile).
     */
    static WebDriverWait signedInLive(WebDriver browser, URI base, String username, String oneTimePassword,
                                      String nodeName) {
        WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        signIn(browser, wait, base, username, oneTimePassword);
        wait.until(ExpectedConditions.textToBe(By.id("node-name"), nodeName));
        waitLive(wait);
        return wait;
    }

    /** Clicks what {@code by} finds, finding it again if the live page re-rendered it meanwhile. */
    static void click(WebDriverWait wait, By by) {
        wait.until(d -> {
            try {
                d.findElement(by).click();
                return true;
            } catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.NoSuchElementException e) {
                return false;
            }
        });
    }

    static void signOut(WebDriver browser, WebDriverWait wait) {
        browser.findElement(By.id("logout")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-username")));
    }

    static void waitLive(WebDriverWait wait) {
        wait.until(ExpectedConditions.attributeToBe(By.id("conn"), "data-state", "live"));
    }

    static By queueItem(String incident) {
        return By.cssSelector("#queue li[data-incident='" + incident + "']");
    }

    static By marker(String incident) {
        return By.cssSelector("#map .inc-marker[data-incident='" + incident + "']");
    }

    static String firstInQueue(WebDriver d) {
        List<WebElement> items = d.findElements(By.cssSelector("#queue li[data-incident]"));
        return items.isEmpty() ? "" : items.get(0).getAttribute("data-incident");
    }

    static String statusOf(WebDriver d) {
        List<WebElement> status = d.findElements(By.id("detail-status"));
        return status.isEmpty() ? "" : String.valueOf(status.get(0).getAttribute("data-status"));
    }

    /** At 1366×768 nothing spills sideways: the page is exactly as wide as the window. */
    static void noHorizontalOverflow(WebDriver browser) {
        Object overflow = ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth - window.innerWidth;");
        assertThat(((Number) overflow).intValue()).as("page wider than the window by").isLessThanOrEqualTo(0);
        assertThat(browser.findElement(By.id("map")).getSize().getWidth()).isGreaterThan(600);
    }

    static void shot(java.io.File file, String name) throws Exception {
        Files.copy(file.toPath(), SHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    static void waitFor(String what, java.util.function.BooleanSupplier condition) {
        cn.emcc.command.testsupport.Await.until(what, PATIENCE, condition);
    }

    /** Creates an officer as the admin; answers the one-time password. */
    static String createOfficer(URI base, String admin, String username, String name, String adcode) throws Exception {
        JsonNode body = send(base, "POST", "/v1/officers", admin, Json.MAPPER.writeValueAsString(Map.of(
                "username", username, "display_name", name, "role", "DUTY_OFFICER", "adcode", adcode)));
        return body.path("one_time_password").asText();
    }

    static JsonNode send(URI base, String method, String path, String token, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isBetween(200, 201);
        return Json.MAPPER.readTree(r.body());
    }
}
