package cn.emcc.command.console;

import cn.emcc.command.testsupport.Envelopes;
import cn.emcc.command.testsupport.JournalUnderTest;
import cn.emcc.command.testsupport.RunningNode;
import cn.emcc.command.testsupport.TestStore;
import cn.emcc.protocols.client.Reply;
import cn.emcc.protocols.v1.Agency;
import cn.emcc.protocols.v1.Casualties;
import cn.emcc.protocols.v1.IncidentCategory;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static cn.emcc.command.console.ConsoleBrowserTest.click;
import static cn.emcc.command.console.ConsoleBrowserTest.createOfficer;
import static cn.emcc.command.console.ConsoleBrowserTest.queueItem;
import static cn.emcc.command.console.ConsoleBrowserTest.shot;
import static cn.emcc.command.console.ConsoleBrowserTest.signIn;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console does not go stale silently, and holds its layout. In a real
 * browser against a real node, reached through a relay that stands in for the
 * network: the indicator is live; when the relay freezes (a half-open socket:
 * nothing arrives, nothing closes) it turns stale, and live again when bytes
 * flow; when the relay cuts the connection it says reconnecting, the map's
 * polls that fail show a notice, and when the relay is back the console
 * resumes from its last sequence and shows the incident that arrived
 * meanwhile; when the node stops it says reconnecting, and when the node is
 * back it is live with a fresh picture and shows what happens next. Clicking
 * the county on the map opens its details. At 1366×768, in Chinese and in
 * English, no panel or table spills sideways and the header, map and side
 * panel do not overlap.
 */
class ConsoleResilienceBrowserTest {

    static final Duration PATIENCE = Duration.ofSeconds(60);
    static final String LIXIA = "370102";

    @TempDir
    Path scratch;

    /**
     * A node that speaks at least every second when quiet, and a console that calls four silent seconds
     * stale; cheap password hashes.
     */
    static Config node(int port) {
        return ConfigFactory.parseString("""
                emcc.officers.argon2.memory-kib = 8192
                emcc.officers.argon2.iterations = 1
                emcc.nodes.heartbeat-every = 1s
                emcc.console.stale-after = 4s
                emcc.http.port = %d
                """.formatted(port));
    }

    @Test
    void the_indicator_turns_stale_or_reconnecting_when_nothing_arrives_and_the_console_resumes_when_the_node_is_back()
            throws Exception {
        Files.createDirectories(ConsoleBrowserTest.SHOTS);
        int port = RunningNode.freePort();
        try (TestStore store = JournalUnderTest.H2.freshStore(scratch)) {
            RunningNode node = RunningNode.start(store, node(port));
            ChromeDriver browser = null;
            try (CuttableRelay relay = new CuttableRelay(port)) {
                URI direct = node.baseUri();
                URI viaRelay = URI.create("http://127.0.0.1:" + relay.port());
                String admin = node.login("admin", RunningNode.ADMIN_PASSWORD);
                String password = createOfficer(direct, admin, "li.ming", "李明", LIXIA);
                List<double[]> places = placesIn(node, LIXIA);

                browser = HeadlessChromium.start(1366, 768);
                WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
                wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
                signIn(browser, wait, viaRelay, "li.ming", password);
                wait.until(ExpectedConditions.textToBe(By.id("node-name"), "历下区"));
                waitState(wait, "live", "实时");
                wait.until(ExpectedConditions.attributeToBe(By.id("map"), "data-boundaries", "1"));

                // A first incident, over the live stream.
                String first;
                try (AcceptingFireAgency fire = new AcceptingFireAgency(direct, Agency.AGENCY_FIRE, "test-agency_fire")) {
                    first = alarm(fire, places.get(0), IncidentCategory.INCIDENT_CATEGORY_FIRE_BUILDING);
                }
                wait.until(ExpectedConditions.presenceOfElementLocated(queueItem(first)));

                // Clicking the county on the map opens its details, with its open incidents.
                WebElement popup = clickJurisdiction(browser, wait, LIXIA);
                assertThat(popup.findElement(By.tagName("b")).getText()).isEqualTo("历下区");
                assertThat(popup.findElement(By.cssSelector("[data-field=tier]")).getText()).isEqualTo("县级");
                assertThat(popup.findElement(By.cssSelector("[data-field=adcode]")).getText()).isEqualTo(LIXIA);
                assertThat(popup.findElement(By.cssSelector("[data-field=open]")).getText()).isEqualTo("1");
                assertThat(popup.getText()).contains("层级", "区划代码", "未结事件");

                // A half-open connection: nothing arrives and nothing closes. The indicator says stale.
                relay.freeze();
                waitState(wait, "stale", "数据滞后");
                shot(browser.findElement(By.cssSelector("header.top")).getScreenshotAs(OutputType.FILE), "stale.png");
                relay.restore();
                waitState(wait, "live", "实时");

                // The connection is cut and the node is out of reach: reconnecting, and the map's polls fail visibly.
                relay.cut();
                waitState(wait, "reconnecting", "重连中…");
                String during;
                try (AcceptingFireAgency fire = new AcceptingFireAgency(direct, Agency.AGENCY_FIRE, "test-agency_fire")) {
                    during = alarm(fire, places.get(1), IncidentCategory.INCIDENT_CATEGORY_PERSON_TRAPPED);
                }
                By unitsNotice = By.cssSelector("#layer-notices .layer-notice[data-layer='units']");
                wait.until(ExpectedConditions.visibilityOfElementLocated(unitsNotice));
                assertThat(browser.findElement(unitsNotice).getText()).contains("力量", "无法连接节点");
                shot(browser.getScreenshotAs(OutputType.FILE), "layer-notice.png");
                assertThat(browser.findElements(queueItem(during))).as("not yet: the console is cut off").isEmpty();

                // The relay is back: the console resumes from its last sequence and shows what it missed.
                relay.restore();
                waitState(wait, "live", "实时");
                wait.until(ExpectedConditions.presenceOfElementLocated(queueItem(during)));
                assertThat(browser.findElements(queueItem(first))).isNotEmpty();
                wait.until(ExpectedConditions.invisibilityOfElementLocated(unitsNotice));
                String resumedWith = lastStreamRequest(relay);
                String epoch = node.server().nodes().epoch();
                assertThat(resumedWith).as("the reconnect resumes the same epoch").contains("epoch=" + epoch);
                assertThat(lastSequence(resumedWith)).as("from the last sequence applied").isPositive();

                // The node stops: reconnecting. It comes back on the same address: live again, with a fresh picture.
                node.close();
                node = null;
                waitState(wait, "reconnecting", "重连中…");
                node = RunningNode.start(store, node(port));
                waitState(wait, "live", "实时");
                wait.until(ExpectedConditions.presenceOfElementLocated(queueItem(during)));
                String after;
                try (AcceptingFireAgency fire = new AcceptingFireAgency(node.baseUri(), Agency.AGENCY_FIRE,
                        "test-agency_fire")) {
                    after = alarm(fire, places.get(2), IncidentCategory.INCIDENT_CATEGORY_HAZARDOUS_MATERIALS);
                }
                wait.until(ExpectedConditions.presenceOfElementLocated(queueItem(after)));
                waitState(wait, "live", "实时");
                assertThat(node.server().nodes().epoch()).as("a new process numbers its changes anew: the console"
                        + " resumed with an epoch the node does not know and got a fresh snapshot").isNotEqualTo(epoch);
            } catch (AssertionError | RuntimeException e) {
                if (browser != null) {
                    System.out.println("browser console:\n" + HeadlessChromium.consoleOf(browser));
                }
                throw e;
            } finally {
                if (browser != null) {
                    browser.quit();
                }
                if (node != null) {
                    node.close();
                }
            }
        }
    }

    @Test
    void at_1366_by_768_no_panel_spills_sideways_and_the_regions_do_not_overlap_in_chinese_and_english()
            throws Exception {
        Files.createDirectories(ConsoleBrowserTest.SHOTS);
        try (ConsoleStage stage = ConsoleStage.start(scratch, node(0))) {
            RunningNode node = stage.node();
            AcceptingFireAgency fire = stage.fire();
            URI base = stage.base();
            String password = stage.officer("zhao.lei", "赵磊", "370100");
            String incident = alarm(fire, placesIn(node, LIXIA).get(0), IncidentCategory.INCIDENT_CATEGORY_FIRE_BUILDING);

            ChromeDriver browser = HeadlessChromium.start(1366, 768);
            try {
                WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
                wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
                signIn(browser, wait, base, "zhao.lei", password);
                wait.until(ExpectedConditions.textToBe(By.id("node-name"), "济南市"));
                waitState(wait, "live", "实时");
                wait.until(ExpectedConditions.presenceOfElementLocated(queueItem(incident)));
                wait.until(d -> ((Number) ((JavascriptExecutor) d).executeScript(
                        "return document.querySelectorAll('#unit-rows tr').length;")).intValue() > 0);
                assertThat(((JavascriptExecutor) browser).executeScript("return window.innerWidth;"))
                        .as("the width of the page's window").isEqualTo(1366L);

                for (String language : List.of("zh", "en")) {
                    if (language.equals("en")) {
                        browser.findElement(By.cssSelector("header .lang-toggle")).click();
                        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-tab=queue]"), "Incident queue"));
                    }
                    for (String tab : List.of("queue", "detail", "units", "dashboard")) {
                        if (tab.equals("detail")) {
                            click(wait, queueItem(incident));
                            wait.until(ExpectedConditions.textToBe(By.id("detail-id"), incident));
                        } else {
                            click(wait, By.cssSelector("[data-tab=" + tab + "]"));
                        }
                        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("panel-" + tab)));
                        if (tab.equals("dashboard")) {
                            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#hourly-chart canvas")));
                        }
                        assertThat(spills(browser)).as("%s, %s: what spills sideways", language, tab).isEmpty();
                        assertThat(overlaps(browser)).as("%s, %s: regions that overlap", language, tab).isEmpty();
                    }
                    shot(browser.getScreenshotAs(OutputType.FILE), "layout-1366-" + language + ".png");
                }
            } catch (AssertionError | RuntimeException e) {
                System.out.println("browser console:\n" + HeadlessChromium.consoleOf(browser));
                throw e;
            } finally {
                browser.quit();
            }
        }
    }

    /**
     * The header, the visible panel and every table in it: each one whose content is wider than its box,
     * or that reaches past its panel or the window.
     */
    @SuppressWarnings("unchecked")
    private static List<String> spills(WebDriver browser) {
        return (List<String>) ((JavascriptExecutor) browser).executeScript("""
                const out = [];
                const name = el => el.id ? '#' + el.id : el.tagName.toLowerCase() + '.' + [...el.classList].join('.');
                const panel = document.querySelector('.side [data-panel]:not([hidden])');
                const boxes = [document.querySelector('header.top'), document.querySelector('aside.side'),
                  document.querySelector('nav.tabs'), panel, ...panel.querySelectorAll('table, .filters, .actions, ul, ol')];
                for (const el of boxes) {
                  if (el.scrollWidth > el.clientWidth + 1) {
                    out.push(`${name(el)}: content ${el.scrollWidth} px in ${el.clientWidth} px`);
                  }
                }
                const edge = panel.getBoundingClientRect().right;
                for (const table of panel.querySelectorAll('table')) {
                  const right = table.getBoundingClientRect().right;
                  if (right > edge + 1) {
                    const cells = [...(table.querySelector('tbody tr') || table).children]
                      .map(td => `${Math.round(td.getBoundingClientRect().width)}:${td.innerText.slice(0, 30)}`).join(' | ');
                    const heads = [...table.querySelectorAll('thead th')]
                      .map(td => `${Math.round(td.getBoundingClientRect().width)}:${td.innerText.slice(0, 30)}`).join(' | ');
                    out.push(`${name(table)}: reaches ${right} px, its panel ends at ${edge} px; ${heads} / ${cells}`);
                  }
                }
                if (document.documentElement.scrollWidth > window.innerWidth) {
                  out.push(`page: ${document.documentElement.scrollWidth} px in a ${window.innerWidth} px window`);
                }
                return out;""");
    }

    /** Pairs of the main regions (header, map, side panel) that overlap, and regions that leave the window. */
    @SuppressWarnings("unchecked")
    private static List<String> overlaps(WebDriver browser) {
        return (List<String>) ((JavascriptExecutor) browser).executeScript("""
                const regions = {header: document.querySelector('header.top'), map: document.getElementById('map'),
                  side: document.querySelector('aside.side')};
                const rects = Object.fromEntries(Object.entries(regions).map(([k, el]) => [k, el.getBoundingClientRect()]));
                const out = [];
                const names = Object.keys(rects);
                for (let i = 0; i < names.length; i++) {
                  const a = rects[names[i]];
                  if (a.width < 1 || a.height < 1) out.push(`${names[i]} is not shown`);
                  if (a.left < 0 || a.top < 0 || a.right > window.innerWidth + 0.5 || a.bottom > window.innerHeight + 0.5) {
                    out.push(`${names[i]} leaves the window: ${JSON.stringify(a)}`);
                  }
                  for (let j = i + 1; j < names.length; j++) {
                    const b = rects[names[j]];
                    const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
                    const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
                    if (w > 0.5 && h > 0.5) out.push(`${names[i]} and ${names[j]} overlap by ${w}×${h} px`);
                  }
                }
                return out;""");
    }

    /**
     * Clicks the map at points around its centre until the jurisdiction's details open (an incident, a unit or
     * a gap between shapes may be under the first ones); answers the popup.
     */
    private static WebElement clickJurisdiction(WebDriver browser, WebDriverWait wait, String adcode) {
        By popup = By.cssSelector(".leaflet-popup .jurisdiction-popup[data-adcode='" + adcode + "']");
        WebElement map = browser.findElement(By.id("map"));
        int[][] offsets = {{0, 0}, {40, 30}, {-40, -30}, {-40, 30}, {40, -30}, {80, 0}, {-80, 0}, {0, 60}, {0, -60},
                {120, 60}, {-120, -60}, {120, -60}, {-120, 60}};
        for (int round = 0; round < 3; round++) {
            for (int[] o : offsets) {
                new Actions(browser).moveToElement(map, o[0], o[1]).click().perform();
                List<WebElement> found = browser.findElements(popup);
                if (!found.isEmpty() && found.get(0).isDisplayed()) {
                    return found.get(0);
                }
                // an incident marker opens the detail instead: back to the queue, keep looking
                click(wait, By.cssSelector("[data-tab=queue]"));
            }
        }
        Object seen = ((JavascriptExecutor) browser).executeScript("""
                const r = document.getElementById('map').getBoundingClientRect();
                const el = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
                return [el && el.outerHTML.slice(0, 200), document.querySelectorAll('.leaflet-popup').length,
                  document.querySelector('.leaflet-popup') && document.querySelector('.leaflet-popup').outerHTML.slice(0, 300)];""");
        try {
            shot(browser instanceof ChromeDriver c ? c.getScreenshotAs(OutputType.FILE) : null, "jurisdiction-click.png");
        } catch (Exception e) {
            // only for the failure message
        }
        throw new AssertionError("no click on the map opened the details of " + adcode + "; at the centre: " + seen);
    }

    /** Waits until the connection indicator is in {@code state} and says {@code text}. */
    private static void waitState(WebDriverWait wait, String state, String text) {
        wait.until(ExpectedConditions.attributeToBe(By.id("conn"), "data-state", state));
        wait.until(ExpectedConditions.textToBe(By.id("conn-text"), text));
    }

    /** Raises a fire alarm at a place; answers the incident's id. */
    private static String alarm(AcceptingFireAgency fire, double[] place, IncidentCategory category) throws Exception {
        Reply reply = fire.client().send(Envelopes.fireAlarm(fire.client(), place[0], place[1], category,
                Casualties.newBuilder().setCallers(1).build())).get();
        assertThat(reply).isInstanceOf(Reply.Acked.class);
        return ((Reply.Acked) reply).ack().getEffectRef();
    }

    /** Three places inside the county, 2 km or more apart, so their alarms make three incidents. */
    private static List<double[]> placesIn(RunningNode node, String county) {
        Geometry boundary = node.server().geography().boundary(county);
        GeometryFactory plane = boundary.getFactory();
        List<double[]> found = new java.util.ArrayList<>();
        double[][] candidates = {{Envelopes.JINAN_LON, Envelopes.JINAN_LAT}, {117.05, 36.67}, {117.08, 36.68},
                {117.11, 36.68}, {117.04, 36.64}, {117.07, 36.65}, {117.13, 36.70}};
        for (double[] c : candidates) {
            boolean inside = boundary.contains(plane.createPoint(new Coordinate(c[0], c[1])));
            boolean apart = found.stream().allMatch(f -> Math.hypot(f[0] - c[0], f[1] - c[1]) > 0.02);
            if (inside && apart) {
                found.add(c);
            }
        }
        assertThat(found).as("places in %s", county).hasSizeGreaterThanOrEqualTo(3);
        return found;
    }

    private static String lastStreamRequest(CuttableRelay relay) {
        List<String> streams = relay.requestLines().stream().filter(l -> l.contains("/stream?")).toList();
        assertThat(streams).as("stream requests through the relay").isNotEmpty();
        return streams.get(streams.size() - 1);
    }

    private static long lastSequence(String requestLine) {
        Matcher m = Pattern.compile("[?&]last_sequence=(\\d+)").matcher(requestLine);
        assertThat(m.find()).as("last_sequence in %s", requestLine).isTrue();
        return Long.parseLong(m.group(1));
    }
}
