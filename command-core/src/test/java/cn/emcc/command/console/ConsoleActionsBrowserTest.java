package cn.emcc.command.console;

import cn.emcc.command.http.Json;
import cn.emcc.command.testsupport.Envelopes;
import cn.emcc.command.testsupport.RunningNode;
import cn.emcc.protocols.client.Reply;
import cn.emcc.protocols.v1.Casualties;
import cn.emcc.protocols.v1.IncidentCategory;
import cn.emcc.protocols.v1.OrderAction;
import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;

import static cn.emcc.command.console.ConsoleBrowserTest.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The duty officer's other actions in a real browser against a real node,
 * each checked on the node's own record: the queue sorts by grade then time
 * and filters by status; a grade changed with a reason puts an older incident
 * on top and makes the city the lead, whose officer acknowledges the
 * escalation on the dashboard; the initial report (首报) is filed from the
 * detail and shows there; the officer unticks a recommended unit, which stays
 * unticked in a new proposal, and confirms the rest; a false alarm leaves the
 * queue; a verified incident is closed; the unit board filters by status and
 * shows how long each unit has been in it; an engine's AVL fix moves its
 * marker on the map; the keyboard shortcuts switch tabs, open the help and
 * mute the sound. And mutual aid from both ends: a county's dispatch that
 * asks the city for engines (saying why in Chinese on both sides), the city
 * approving a unit it picks, the county following the request in the
 * incident and releasing the unit.
 */
class ConsoleActionsBrowserTest {

    @TempDir
    Path scratch;

    @Test
    void a_county_officer_grades_files_edits_the_dispatch_cancels_and_closes_and_the_city_acknowledges()
            throws Exception {
        try (ConsoleStage stage = ConsoleStage.start(scratch, ConsoleBrowserTest.node())) {
            RunningNode node = stage.node();
            AcceptingFireAgency fire = stage.fire();
            URI base = stage.base();
            String lixiaPassword = stage.officer("li.ming", "李明", "370102");
            String jinanPassword = stage.officer("zhao.lei", "赵磊", "370100");

            ChromeDriver browser = HeadlessChromium.start(1366, 768);
            try {
                WebDriverWait wait = signedInLive(browser, base, "li.ming", lixiaPassword, "历下区");

                // Two fires in the county, a little apart: same grade, so the newer is on top.
                String older = alarm(fire, Envelopes.JINAN_LON, Envelopes.JINAN_LAT);
                wait.until(ExpectedConditions.presenceOfElementLocated(queueItem(older)));
                String newer = alarm(fire, Envelopes.JINAN_LON + 0.015, Envelopes.JINAN_LAT);
                wait.until(d -> queueOrder(d).equals(List.of(newer, older)));

                // The status filter keeps only the verified one.
                node.post("/v1/incidents/" + older + "/status", "test.lixia@370102",
                        "{\"to\":\"VERIFIED\",\"why\":\"patrol on site\"}");
                wait.until(d -> "INCIDENT_STATUS_VERIFIED".equals(node.server().board().get(older)
                        .map(s -> s.status().name()).orElse("")));
                choose(browser, "filter-status", "INCIDENT_STATUS_VERIFIED");
                wait.until(d -> queueOrder(d).equals(List.of(older)));
                choose(browser, "filter-status", "");
                wait.until(d -> queueOrder(d).size() == 2);

                // The older one is raised to grade III with a reason: it goes on top, and the city leads.
                click(wait, queueItem(older));
                wait.until(ExpectedConditions.textToBe(By.id("detail-id"), older));
                click(wait, By.id("action-grade"));
                dialog(browser, wait, "grade", "III");
                dialog(browser, wait, "why", "现场发现三名被困人员");
                browser.findElement(By.id("dialog-ok")).click();
                wait.until(d -> queueOrder(d).equals(List.of(older, newer)));
                JsonNode graded = incident(node, older);
                assertThat(graded.path("grade").asText()).isEqualTo("GRADE_III");
                assertThat(graded.path("gradeOverridden").asBoolean()).isTrue();
                assertThat(graded.path("timeline").toString()).contains("现场发现三名被困人员");

                // The county files its initial report from the detail; it is listed there and on the record.
                click(wait, By.id("action-report"));
                dialog(browser, wait, "kind", "INITIAL");
                dialog(browser, wait, "text", "首报：历下区居民楼火灾，三人被困，消防力量已出动。");
                browser.findElement(By.id("dialog-ok")).click();
                wait.until(ExpectedConditions.textToBePresentInElementLocated(
                        By.cssSelector("#filed-reports li[data-kind='INITIAL']"), "三人被困"));
                JsonNode reports = Json.MAPPER.readTree(node.get("/v1/incidents/" + older + "/reports").body());
                assertThat(reports).extracting(r -> r.path("kind").asText()).containsExactly("INITIAL");
                assertThat(reports.get(0).path("by").asText()).isEqualTo("officer:li.ming");

                // The officer asks for a proposal at the new grade, leaves one recommended unit out and confirms
                // the others.
                String before = proposalAt(node, older);
                click(wait, By.id("action-propose"));
                waitFor("a new proposal", () -> !proposalAt(node, older).equals(before));
                List<String> proposed = proposedUnits(node, older);
                wait.until(d -> proposed.equals(((JavascriptExecutor) d).executeScript(
                        "return [...document.querySelectorAll('#recommendation tr.proposed')].map(tr => tr.dataset.unit);")));
                assertThat(proposed).as("a grade III building fire needs more than one unit").hasSizeGreaterThan(1);
                String left = proposed.get(proposed.size() - 1);
                ((JavascriptExecutor) browser).executeScript("""
                        const box = document.querySelector(`#recommendation input[type=checkbox][value="${arguments[0]}"]`);
                        box.checked = false;
                        box.dispatchEvent(new Event('change', {bubbles: true}));""", left);
                // Asked for again, the proposal offers the same units: the one left out stays unticked.
                String unticked = proposalAt(node, older);
                click(wait, By.id("action-propose"));
                waitFor("another proposal", () -> !proposalAt(node, older).equals(unticked));
                String again = proposalAt(node, older);
                assertThat(proposedUnits(node, older)).as("the same board gives the same units").contains(left);
                wait.until(d -> again.equals(((JavascriptExecutor) d).executeScript(
                        "return document.querySelector('#panel-detail p.plan').dataset.at;")));
                assertThat(ticks(browser, "#recommendation tr.proposed")).as("the proposed units' boxes")
                        .containsEntry(left, false).allSatisfy((unit, ticked) -> {
                            if (!unit.equals(left)) {
                                assertThat(ticked).as(unit).isTrue();
                            }
                        });
                click(wait, By.id("action-confirm-selected"));
                // Units the plan still needs may be filled in at confirmation; the one left out is never ordered.
                waitFor("orders go out", () -> !orderedUnits(node, older).isEmpty());
                Set<String> expected = orderedUnits(node, older);
                assertThat(expected).as("the unit the officer left out").doesNotContain(left);
                wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#orders tr[data-order]")));

                // The newer one was a false alarm: it leaves the queue.
                click(wait, By.cssSelector("[data-tab=queue]"));
                click(wait, queueItem(newer));
                wait.until(ExpectedConditions.textToBe(By.id("detail-id"), newer));
                click(wait, By.id("action-false-alarm"));
                dialog(browser, wait, "why", "报警人误将炊烟当作火情");
                browser.findElement(By.id("dialog-ok")).click();
                wait.until(ExpectedConditions.invisibilityOfElementLocated(queueItem(newer)));
                assertThat(incident(node, newer).path("status").asText()).isEqualTo("INCIDENT_STATUS_CANCELLED");

                // A third, verified and closed from the detail.
                String third = alarm(fire, Envelopes.JINAN_LON + 0.03, Envelopes.JINAN_LAT);
                click(wait, By.cssSelector("[data-tab=queue]"));
                click(wait, queueItem(third));
                wait.until(ExpectedConditions.textToBe(By.id("detail-id"), third));
                click(wait, By.id("action-verify"));
                wait.until(d -> statusOf(d).equals("INCIDENT_STATUS_VERIFIED"));
                click(wait, By.id("action-close"));
                dialog(browser, wait, "why", "明火已自行熄灭，无需出动");
                browser.findElement(By.id("dialog-ok")).click();
                wait.until(ExpectedConditions.invisibilityOfElementLocated(queueItem(third)));
                assertThat(incident(node, third).path("status").asText()).isEqualTo("INCIDENT_STATUS_CLOSED");

                // Shortcuts: 2 opens the unit board, which filters by status and shows the time in status.
                keys(browser, "2");
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("panel-units")));
                wait.until(d -> d.findElements(By.cssSelector("#unit-rows tr[data-unit]")).size() > 1);
                int all = browser.findElements(By.cssSelector("#unit-rows tr[data-unit]")).size();
                choose(browser, "unit-status", "UNIT_STATUS_AVAILABLE");
                wait.until(d -> {
                    List<WebElement> rows = d.findElements(By.cssSelector("#unit-rows tr[data-unit]"));
                    return !rows.isEmpty() && rows.stream().allMatch(r ->
                            "UNIT_STATUS_AVAILABLE".equals(r.getAttribute("data-status")));
                });
                choose(browser, "unit-status", "");
                wait.until(d -> d.findElements(By.cssSelector("#unit-rows tr[data-unit]")).size() == all);
                List<String> ownUnits = expected.stream().filter(u -> u.contains("-370102-")).toList();
                assertThat(ownUnits).as("units of the county ordered").isNotEmpty();
                for (String unit : ownUnits) {
                    String since = (String) ((JavascriptExecutor) browser).executeScript(
                            "return document.querySelector(`#unit-rows tr[data-unit=\"${arguments[0]}\"]`).cells[4].innerText;",
                            unit);
                    assertThat(since).as("time %s has been in its status", unit).matches(".*\\d.*");
                }
                // An engine on its way sends a fix: its marker moves there on the map.
                keys(browser, "1");
                String engine = ownUnits.stream().filter(u -> u.startsWith("F-")).findFirst().orElseThrow();
                assertThat(fire.position(engine, 117.05120, 36.67050)).isInstanceOf(Reply.Acked.class);
                wait.until(d -> "117.05120,36.67050".equals(((JavascriptExecutor) d).executeScript("""
                        const m = document.getElementById('map').emccMap.units.getLayers()
                          .find(layer => layer.unitId === arguments[0]);
                        return m ? m.getLatLng().lng.toFixed(5) + ',' + m.getLatLng().lat.toFixed(5) : null;""", engine)));
                keys(browser, "2");
                // ? opens the help, Escape closes it; S mutes and unmutes; 1 is the queue again.
                keys(browser, "?");
                wait.until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d)
                        .executeScript("return document.getElementById('help').open;")));
                // Escape closes a modal dialog (the browser's own behaviour, so sent as a real key)
                new Actions(browser).sendKeys(Keys.ESCAPE).perform();
                wait.until(d -> Boolean.FALSE.equals(((JavascriptExecutor) d)
                        .executeScript("return document.getElementById('help').open;")));
                keys(browser, "s");
                wait.until(ExpectedConditions.attributeContains(By.id("sound-toggle"), "class", "muted"));
                keys(browser, "s");
                wait.until(d -> !d.findElement(By.id("sound-toggle")).getAttribute("class").contains("muted"));
                keys(browser, "1");
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("queue")));

                // The city, now the lead of the grade III fire, acknowledges the escalation on its dashboard.
                signOut(browser, wait);
                signIn(browser, wait, base, "zhao.lei", jinanPassword);
                wait.until(ExpectedConditions.textToBe(By.id("node-name"), "济南市"));
                browser.findElement(By.id("tab-dashboard")).click();
                By notice = By.cssSelector("#escalations li[data-escalation='" + older + "']");
                wait.until(ExpectedConditions.presenceOfElementLocated(notice));
                click(wait, By.cssSelector("#escalations button[data-ack='" + older + "']"));
                wait.until(ExpectedConditions.invisibilityOfElementLocated(notice));
                assertThat(node.get("/v1/nodes/370100/escalations").body())
                        .contains("\"acknowledged\":true,\"acknowledgedBy\":\"officer:zhao.lei\"");
            } catch (AssertionError | RuntimeException e) {
                System.out.println("browser console:\n" + HeadlessChromium.consoleOf(browser));
                throw e;
            } finally {
                browser.quit();
            }
        }
    }

    /**
     * A fire at 泉城广场 with the local ETA threshold at 15 minutes (as in MutualAidRaisedByEmccBehaviourTest):
     * 历下's own engines are too far, so confirming the county's dispatch asks the city node for engines.
     */
    @Test
    void a_county_dispatch_asks_for_engines_the_city_approves_the_one_it_picks_and_the_county_releases_it()
            throws Exception {
        Config shortOfEngines = ConfigFactory.parseString("""
                emcc.dispatch.mutual-aid.local-eta = 15m
                emcc.dispatch.timers = "timers/slow-ack.csv"
                """).withFallback(ConsoleBrowserTest.node());
        java.nio.file.Files.createDirectories(SHOTS);
        try (ConsoleStage stage = ConsoleStage.start(scratch, shortOfEngines)) {
            RunningNode node = stage.node();
            AcceptingFireAgency fire = stage.fire();
            URI base = stage.base();
            String lixiaPassword = stage.officer("li.ming", "李明", "370102");
            String jinanPassword = stage.officer("zhao.lei", "赵磊", "370100");

            ChromeDriver browser = HeadlessChromium.start(1366, 768);
            try {
                WebDriverWait wait = signedInLive(browser, base, "li.ming", lixiaPassword, "历下区");

                // The county officer verifies the fire and confirms the recommendation as it stands.
                String incident = alarm(fire, Envelopes.JINAN_LON, Envelopes.JINAN_LAT);
                click(wait, queueItem(incident));
                wait.until(ExpectedConditions.textToBe(By.id("detail-id"), incident));
                click(wait, By.id("action-verify"));
                wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#recommendation tr.proposed")));
                click(wait, By.id("action-confirm"));

                // emcc asks the city for the engines the county cannot bring in time; the request shows in the detail.
                waitFor("a request for engines", () -> engineRequest(node, incident) != null);
                JsonNode asked = engineRequest(node, incident);
                String request = asked.path("requestId").asText();
                assertThat(asked.path("providingAdcode").asText()).isEqualTo("370100");
                assertThat(asked.path("state").asText()).isEqualTo("REQUESTED");
                By requested = aidItem(request, "REQUESTED");
                wait.until(ExpectedConditions.textToBePresentInElementLocated(requested, "待批准"));
                assertThat(browser.findElement(requested).getText()).contains("灭火", "济南市", "系统");
                // why emcc asked, in Chinese: the request's phrase, not its English note
                JsonNode askedWhy = asked.path("notePhrase");
                assertThat(askedWhy.path("code").asText()).isEqualTo("mutual_aid.why.own_too_late");
                String whyInChinese = "灭火 ×" + askedWhy.path("args").path("count").asText() + "：本区县最快力量预计 "
                        + askedWhy.path("args").path("minutes").asText() + " 分钟到达，超过 15 分钟";
                assertThat(browser.findElement(requested).getText()).contains(whyInChinese)
                        .doesNotContain(asked.path("note").asText());
                Set<String> orderedBefore = orderedUnits(node, incident);

                // The city officer opens the units the city could send and picks one that is not the first choice.
                signOut(browser, wait);
                signIn(browser, wait, base, "zhao.lei", jinanPassword);
                wait.until(ExpectedConditions.textToBe(By.id("node-name"), "济南市"));
                browser.findElement(By.id("tab-dashboard")).click();
                wait.until(ExpectedConditions.textToBePresentInElementLocated(aidOnDashboard(request, "REQUESTED"),
                        whyInChinese));
                click(wait, By.cssSelector("#mutual-aid button[data-aid='" + request + "'][data-act='pick']"));
                String table = "#aid-units-" + request;
                wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(table + " tr.proposed")));
                Map<String, Boolean> recommended = ticks(browser, table + " tr.proposed");
                Map<String, Boolean> alternates = ticks(browser, table + " tr.alternate");
                assertThat(recommended).as("the recommended units start ticked").isNotEmpty().doesNotContainValue(false);
                assertThat(alternates).as("the next best start unticked").doesNotContainValue(true);
                assertThat(recommended.size() + alternates.size()).as("units to choose from").isGreaterThan(1);
                String firstRow = browser.findElement(By.cssSelector(table + " tr.proposed")).getText();
                assertThat(firstRow).as("unit, agency, ETA, jurisdiction").contains("消防", "分钟", "同市");
                List<String> offered = new java.util.ArrayList<>(recommended.keySet());
                offered.addAll(alternates.keySet());
                String picked = alternates.isEmpty() ? offered.get(offered.size() - 1)
                        : alternates.keySet().iterator().next();
                for (String unit : recommended.keySet()) {
                    if (!unit.equals(picked)) {
                        click(wait, By.cssSelector(table + " input[value='" + unit + "']"));
                    }
                }
                if (alternates.containsKey(picked)) {
                    click(wait, By.cssSelector(table + " input[value='" + picked + "']"));
                }
                wait.until(d -> ticks(d, table + " tr").equals(offered.stream().collect(
                        java.util.stream.Collectors.toMap(u -> u, picked::equals))));
                noHorizontalOverflow(browser);
                shot(browser.getScreenshotAs(OutputType.FILE), "mutual-aid-pick.png");
                click(wait, By.cssSelector("#mutual-aid button[data-aid='" + request + "'][data-act='approve-picked']"));
                wait.until(ExpectedConditions.presenceOfElementLocated(aidOnDashboard(request, "COMMITTED")));

                // Only the picked unit is committed and ordered, flagged mutual aid, and the fire agency accepts it.
                JsonNode approved = Json.MAPPER.readTree(node.get("/v1/mutual-aid/" + request).body());
                assertThat(approved.path("state").asText()).isEqualTo("COMMITTED");
                assertThat(approved.path("committedUnitIds")).extracting(JsonNode::asText).containsExactly(picked);
                assertThat(approved.path("decidedBy").path("id").asText()).isEqualTo("zhao.lei");
                waitFor("the picked unit's order is accepted", () -> "ACCEPTED".equals(orderState(node, incident, picked)));
                Set<String> ordered = orderedUnits(node, incident);
                Set<String> added = new HashSet<>(ordered);
                added.removeAll(orderedBefore);
                assertThat(added).as("units ordered after the approval").containsExactly(picked);
                assertThat(mutualAidOrders(node, incident)).containsExactly(picked);

                // Back in the county, the request shows as approved, by whom, with the unit; the officer releases it.
                signOut(browser, wait);
                signInAgain(browser, wait, base, "li.ming");
                wait.until(ExpectedConditions.textToBe(By.id("node-name"), "历下区"));
                click(wait, queueItem(incident));
                wait.until(ExpectedConditions.textToBe(By.id("detail-id"), incident));
                By committed = aidItem(request, "COMMITTED");
                wait.until(ExpectedConditions.textToBePresentInElementLocated(committed, "已批准"));
                assertThat(browser.findElement(committed).getText()).contains("zhao.lei", picked);
                ((JavascriptExecutor) browser).executeScript(
                        "document.getElementById('aid-requests').scrollIntoView();");
                shot(browser.getScreenshotAs(OutputType.FILE), "mutual-aid-detail.png");
                click(wait, By.cssSelector("#aid-requests button[data-action='release-aid'][data-arg='" + request + "']"));
                // the confirm step names the units that will be ordered home
                WebElement why = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("field-why")));
                assertThat(browser.findElement(By.id("dialog-body")).getText()).contains(picked);
                why.sendKeys("火势已控制，支援力量返回");
                browser.findElement(By.id("dialog-ok")).click();
                wait.until(ExpectedConditions.textToBePresentInElementLocated(aidItem(request, "RELEASED"), "已结束"));

                JsonNode released = Json.MAPPER.readTree(node.get("/v1/mutual-aid/" + request).body());
                assertThat(released.path("state").asText()).isEqualTo("RELEASED");
                assertThat(released.path("remark").asText()).isEqualTo("火势已控制，支援力量返回");
                waitFor("the picked unit is ordered home", () -> fire.accepted.values().stream().anyMatch(o ->
                        o.getUnitId().equals(picked) && o.getAction() == OrderAction.ORDER_ACTION_RELEASE));
                waitFor("the picked unit is available again", () -> "UNIT_STATUS_AVAILABLE".equals(unitStatus(node, picked)));
            } catch (AssertionError | RuntimeException e) {
                System.out.println("browser console:\n" + HeadlessChromium.consoleOf(browser));
                throw e;
            } finally {
                browser.quit();
            }
        }
    }

    private static String alarm(AcceptingFireAgency fire, double lon, double lat) throws Exception {
        Reply reply = fire.client().send(Envelopes.fireAlarm(fire.client(), lon, lat,
                IncidentCategory.INCIDENT_CATEGORY_FIRE_BUILDING, Casualties.newBuilder().setCallers(1).build())).get();
        assertThat(reply).isInstanceOf(Reply.Acked.class);
        return ((Reply.Acked) reply).ack().getEffectRef();
    }

    /** Signs in an officer who has set a password already (signIn's new one). */
    private static void signInAgain(WebDriver browser, WebDriverWait wait, URI base, String username) {
        browser.get(base + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-username"))).sendKeys(username);
        browser.findElement(By.id("login-password")).sendKeys(NEW_PASSWORD);
        browser.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("map")));
    }

    /** The incident's request for engines (FIRE_SUPPRESSION), as the incident's list has it; null while none. */
    private static JsonNode engineRequest(RunningNode node, String incident) {
        try {
            for (JsonNode r : Json.MAPPER.readTree(node.get("/v1/incidents/" + incident + "/mutual-aid").body())) {
                if (r.path("capability").asText().equals("FIRE_SUPPRESSION")) {
                    return r;
                }
            }
        } catch (Exception e) {
            return null;
        }
        return null;
    }

    /** A request in the incident detail's mutual-aid list, in a state. */
    private static By aidItem(String request, String state) {
        return By.cssSelector("#aid-requests li[data-mutual-aid='" + request + "'][data-state='" + state + "']");
    }

    private static By aidOnDashboard(String request, String state) {
        return By.cssSelector("#mutual-aid li[data-mutual-aid='" + request + "'][data-state='" + state + "']");
    }

    /** The rows {@code rows} selects, unit id to whether its box is ticked, in the table's order. */
    private static Map<String, Boolean> ticks(WebDriver d, String rows) {
        @SuppressWarnings("unchecked")
        List<List<Object>> pairs = (List<List<Object>>) ((JavascriptExecutor) d).executeScript("""
                return [...document.querySelectorAll(arguments[0])].filter(tr => tr.dataset.unit)
                  .map(tr => [tr.dataset.unit, tr.querySelector('input[type=checkbox]').checked]);""", rows);
        Map<String, Boolean> out = new LinkedHashMap<>();
        pairs.forEach(p -> out.put((String) p.get(0), (Boolean) p.get(1)));
        return out;
    }

    private static String orderState(RunningNode node, String incident, String unit) {
        return orders(node, incident).stream().filter(o -> o.path("unitId").asText().equals(unit))
                .map(o -> o.path("state").asText()).findFirst().orElse("");
    }

    /** The units of the incident's orders flagged mutual aid. */
    private static Set<String> mutualAidOrders(RunningNode node, String incident) {
        Set<String> units = new HashSet<>();
        orders(node, incident).stream().filter(o -> o.path("mutualAid").asBoolean())
                .forEach(o -> units.add(o.path("unitId").asText()));
        return units;
    }

    private static List<JsonNode> orders(RunningNode node, String incident) {
        try {
            JsonNode dispatch = Json.MAPPER.readTree(node.get("/v1/incidents/" + incident + "/dispatch").body());
            return StreamSupport.stream(dispatch.path("orders").spliterator(), false).toList();
        } catch (Exception e) {
            return List.of();
        }
    }

    private static String unitStatus(RunningNode node, String unit) {
        try {
            return Json.MAPPER.readTree(node.get("/v1/units/" + unit).body()).path("status").asText();
        } catch (Exception e) {
            return "";
        }
    }

    private static List<String> queueOrder(WebDriver d) {
        @SuppressWarnings("unchecked")
        List<String> ids = (List<String>) ((JavascriptExecutor) d).executeScript(
                "return [...document.querySelectorAll('#queue li[data-incident]')].map(li => li.dataset.incident);");
        return ids;
    }

    /** Picks an option of a filter by its value, as a click on it would. */
    private static void choose(WebDriver browser, String selectId, String value) {
        ((JavascriptExecutor) browser).executeScript("""
                const s = document.getElementById(arguments[0]);
                s.value = arguments[1];
                s.dispatchEvent(new Event('change', {bubbles: true}));""", selectId, value);
    }

    /** Fills a field of the open dialog. */
    private static void dialog(WebDriver browser, WebDriverWait wait, String field, String value) {
        WebElement input = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("field-" + field)));
        if ("select".equals(input.getTagName())) {
            ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1];", input, value);
            assertThat(input.getAttribute("value")).isEqualTo(value);
        } else {
            input.clear();
            input.sendKeys(value);
        }
    }

    /** Presses a key on the page itself, not in a field, as the shortcut handler sees it. */
    private static void keys(WebDriver browser, String key) {
        ((JavascriptExecutor) browser).executeScript("""
                if (document.activeElement) document.activeElement.blur();
                document.body.dispatchEvent(new KeyboardEvent('keydown', {key: arguments[0], bubbles: true}));""", key);
    }

    private static JsonNode incident(RunningNode node, String id) throws Exception {
        return Json.MAPPER.readTree(node.get("/v1/incidents/" + id).body());
    }

    private static String proposalAt(RunningNode node, String incident) {
        try {
            return Json.MAPPER.readTree(node.get("/v1/incidents/" + incident + "/dispatch").body())
                    .path("proposal").path("at").asText("");
        } catch (Exception e) {
            return "";
        }
    }

    private static List<String> proposedUnits(RunningNode node, String incident) {
        try {
            JsonNode dispatch = Json.MAPPER.readTree(node.get("/v1/incidents/" + incident + "/dispatch").body());
            return StreamSupport.stream(dispatch.path("proposal").path("units").spliterator(), false)
                    .map(u -> u.path("unitId").asText()).toList();
        } catch (Exception e) {
            return List.of();
        }
    }

    private static Set<String> orderedUnits(RunningNode node, String incident) {
        Set<String> units = new HashSet<>();
        orders(node, incident).forEach(o -> units.add(o.path("unitId").asText()));
        return units;
    }
}
