package cn.emcc.command.console;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.stream.Collectors;

/**
 * Debian's Chromium driven by its chromedriver, headless, with a fresh
 * profile: what the console's browser tests run in. Nothing is downloaded;
 * when either program is missing the test fails and says how to install it.
 */
final class HeadlessChromium {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final String INSTALL = "apt-get install -y chromium chromium-driver";

    private HeadlessChromium() {
    }

    /** A browser window of {@code width}×{@code height}; close it with {@link ChromeDriver#quit()}. */
    static ChromeDriver start(int width, int height) throws IOException {
        for (String program : new String[]{CHROMIUM, CHROMEDRIVER}) {
            if (!new File(program).canExecute()) {
                throw new AssertionError(program + " is missing: the console's browser tests need Debian's Chromium"
                        + " and its driver; install them with: " + INSTALL);
            }
        }
        Path profile = Files.createTempDirectory("emcc-chromium-");
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM)
                .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync",
                        "--disable-dev-shm-usage", "--lang=zh-CN",
                        "--user-data-dir=" + profile, "--window-size=" + width + "," + height);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    /** The page's console messages so far (errors included): printed when a browser test fails. */
    static String consoleOf(ChromeDriver browser) {
        try {
            return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .map(LogEntry::toString).collect(Collectors.joining("\n"));
        } catch (RuntimeException e) {
            return "(browser log unavailable: " + e.getMessage() + ")";
        }
    }
}
