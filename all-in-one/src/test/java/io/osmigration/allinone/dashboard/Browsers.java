package io.osmigration.allinone.dashboard;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;

import io.osmigration.allinone.AllInOne;

/** What the dashboard's browser tests share: a headless chromium (the test is skipped without one) and the stack. */
final class Browsers {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private Browsers() {
    }

    /** Debian's chromium through chromedriver, headless, with a fresh profile; skips the test where there is none. */
    static ChromeDriver chromium() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver packages");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1440,1000", "--user-data-dir=" + Files.createTempDirectory("osm-chromium-"));
        return new ChromeDriver(options);
    }

    /** The shared stack of the end-to-end tests (package-private there, so reached reflectively). */
    static AllInOne stack() throws Exception {
        Method get = Class.forName("io.osmigration.allinone.AllInOneStack").getDeclaredMethod("get");
        get.setAccessible(true);
        return (AllInOne) get.invoke(null);
    }
}
