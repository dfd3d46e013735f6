package org.gatehouse.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Real headless Chromium driven by Selenium, one per test class:
 * {@code @RegisterExtension static final Browser browser = new Browser();} next to
 * {@link IntegrationTest}. It uses Debian's {@code /usr/bin/chromium} and
 * {@code /usr/bin/chromedriver}, both given explicitly: with the driver's path in the service,
 * Selenium skips Selenium Manager altogether, so nothing is ever downloaded. Chromium gets a fresh
 * profile and opens console pages of the application under test (the port comes from the Spring
 * context).
 * Every test starts without cookies. When a test fails, a screenshot and the page source go to
 * {@code target/browser-failures/} and the page's address and text are printed.
 */
public final class Browser implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
		TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

	public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
	public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	static final Duration PATIENCE = Duration.ofSeconds(10);
	static final Duration POLL = Duration.ofMillis(50);
	static final Path ARTIFACTS = Path.of("target", "browser-failures");

	private ChromeDriverService service;
	private ChromeDriver driver;
	private WebDriverWait wait;
	private Path profile;
	private String base;

	// --- lifecycle ---

	@Override
	public void beforeAll(ExtensionContext context) throws IOException {
		for (Path binary : List.of(CHROMIUM, CHROMEDRIVER)) {
			if (!Files.isExecutable(binary)) {
				throw new IllegalStateException(binary + " is missing: the browser tests need the Debian packages "
						+ "chromium and chromium-driver (apt-get install chromium chromium-driver)");
			}
		}
		Files.createDirectories(ARTIFACTS);
		profile = Files.createTempDirectory("gatehouse-chromium-");
		service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.withLogFile(ARTIFACTS.resolve("chromedriver-" + context.getRequiredTestClass().getSimpleName() + ".log")
				.toFile())
			.build();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
				"--disable-component-update", "--disable-sync", "--user-data-dir=" + profile.toAbsolutePath());
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.BROWSER, Level.ALL);
		options.setCapability("goog:loggingPrefs", logs);
		driver = new ChromeDriver(service, options);
		driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
		driver.manage().window().setSize(new Dimension(1280, 1024));
		wait = new WebDriverWait(driver, PATIENCE, POLL);
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		Integer port = SpringExtension.getApplicationContext(context)
			.getEnvironment()
			.getRequiredProperty("local.server.port", Integer.class);
		base = "http://localhost:" + port;
		forgetCookies();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		try {
			if (driver != null) {
				driver.quit();
			}
		}
		finally {
			if (service != null) {
				service.stop();
			}
			deleteProfile();
		}
	}

	@Override
	public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
		record(context, failure);
		throw failure;
	}

	@Override
	public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable failure)
			throws Throwable {
		record(context, failure);
		throw failure;
	}

	// --- pages ---

	/** Opens a console path (with its query) of the application under test. */
	public void open(String pathAndQuery) {
		driver.get(base + pathAndQuery);
	}

	/** Opens the page behind a link of an email ({@code https://gatehouse.test/<path>?token=...}) on this server. */
	public void follow(String emailLink) {
		URI link = URI.create(emailLink);
		open(link.getRawPath() + (link.getRawQuery() == null ? "" : "?" + link.getRawQuery()));
	}

	/** Deletes every cookie of every site, as if the browser were closed and opened again. */
	public void forgetCookies() {
		driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
	}

	/** Goes back one page in the history, as the browser's back button does. */
	public void back() {
		awaitNextPage(() -> driver.navigate().back());
	}

	/** The path of the current page, without its query. */
	public String path() {
		return URI.create(driver.getCurrentUrl()).getPath();
	}

	/** The path and query of the current page. */
	public String pathAndQuery() {
		URI current = URI.create(driver.getCurrentUrl());
		return current.getPath() + (current.getQuery() == null ? "" : "?" + current.getQuery());
	}

	/** Waits until the current page is {@code path} (query ignored), failing with what is shown instead. */
	public Browser expectPath(String path) {
		try {
			wait.until(d -> path.equals(path()));
		}
		catch (WebDriverException ex) {
			throw new AssertionError("expected the page " + path + " but the browser shows " + pathAndQuery() + ": "
					+ bodyText(), ex);
		}
		return this;
	}

	public String title() {
		return driver.getTitle();
	}

	// --- forms ---

	/** Types into the field with this id, replacing what was there. */
	public Browser type(String id, String text) {
		WebElement field = element(id);
		field.clear();
		field.sendKeys(text);
		return this;
	}

	/** Chooses the option of a {@code <select>} whose text starts with {@code optionText}. */
	public Browser choose(String id, String optionText) {
		Select select = new Select(element(id));
		WebElement option = select.getOptions()
			.stream()
			.filter(o -> o.getText().startsWith(optionText))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no option \"" + optionText + "\" in #" + id + ": "
					+ select.getOptions().stream().map(WebElement::getText).toList()));
		option.click();
		return this;
	}

	/** The text of the chosen option of a {@code <select>}. */
	public String chosen(String id) {
		return new Select(element(id)).getFirstSelectedOption().getText();
	}

	/** The texts of the options of a {@code <select>}. */
	public List<String> options(String id) {
		return new Select(element(id)).getOptions().stream().map(WebElement::getText).toList();
	}

	/** Whether the field with this id passes the browser's own form validation (required, pattern, ...). */
	public boolean valid(String id) {
		return (Boolean) driver.executeScript("return arguments[0].checkValidity()", element(id));
	}

	/** Ticks or clears the checkbox with this id. */
	public Browser tick(String id, boolean ticked) {
		WebElement box = element(id);
		if (box.isSelected() != ticked) {
			box.click();
		}
		return this;
	}

	public boolean ticked(String id) {
		return element(id).isSelected();
	}

	/** Clicks the button or link with this id and waits for the page it leads to. */
	public Browser press(String id) {
		return pressElement(element(id));
	}

	/** Clicks the link with exactly this text and waits for the page it leads to. */
	public Browser pressLink(String text) {
		return pressElement(find(By.linkText(text)));
	}

	/** Clicks this element (a submit button or a link) and waits until the next page has loaded. */
	public Browser pressElement(WebElement element) {
		awaitNextPage(element::click);
		return this;
	}

	/**
	 * Marks the current document, runs the action and waits until another document has fully
	 * loaded. (Waiting for the old element to go stale races with Chromium's navigation and can
	 * fail with "Node with given id does not belong to the document".)
	 */
	private void awaitNextPage(Runnable action) {
		String mark = UUID.randomUUID().toString();
		driver.executeScript("window.gatehousePageMark = arguments[0]", mark);
		action.run();
		try {
			new WebDriverWait(driver, PATIENCE, POLL).ignoring(WebDriverException.class)
				.until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
						"return window.gatehousePageMark !== arguments[0] && document.readyState === 'complete'", mark));
		}
		catch (TimeoutException ex) {
			throw new AssertionError("no new page loaded; the browser still shows " + pathAndQuery() + ": "
					+ bodyText(), ex);
		}
	}

	// --- reading ---

	/** The visible text of the element with this id (waiting for it to be there). */
	public String text(String id) {
		return element(id).getText();
	}

	/** The visible texts of every element matching the CSS selector, in page order. */
	public List<String> texts(String css) {
		return driver.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
	}

	/** Whether an element with this id is on the current page (no waiting: the page has loaded). */
	public boolean has(String id) {
		return !driver.findElements(By.id(id)).isEmpty();
	}

	/** The status message of the page ({@code .notice}), or an empty string. */
	public String notice() {
		return String.join(" ", texts("main .notice"));
	}

	/** The error message of the page ({@code .error}), or an empty string. */
	public String error() {
		return String.join(" ", texts("main .error"));
	}

	/** What the pages wrote to the browser's console since the last call (errors, warnings, ...). */
	public List<String> consoleMessages() {
		return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
			.map(LogEntry::toString)
			.toList();
	}

	/** Runs JavaScript in the page. */
	public Object script(String javaScript, Object... arguments) {
		return driver.executeScript(javaScript, arguments);
	}

	/** Whether the image with this id was loaded and decoded by the browser. */
	public boolean imageShown(String id) {
		return (Boolean) driver.executeScript("return arguments[0].complete && arguments[0].naturalWidth > 0",
				element(id));
	}

	/** The whole visible text of the page. */
	public String bodyText() {
		return driver.findElement(By.tagName("body")).getText();
	}

	/** The element with this id, waiting up to 10 s for it, failing with the page's text. */
	public WebElement element(String id) {
		return find(By.id(id));
	}

	/** The first element found by {@code by}, waiting up to 10 s for it, failing with the page's text. */
	public WebElement find(By by) {
		try {
			return wait.until(ExpectedConditions.presenceOfElementLocated(by));
		}
		catch (WebDriverException ex) {
			throw new AssertionError("no " + by + " on " + pathAndQuery() + ": " + bodyText(), ex);
		}
	}

	// --- the console's steps ---

	/** Opens the sign-in page and signs in with the password (what follows depends on the account). */
	public Browser signIn(String organization, String email, String password) {
		open("/login");
		type("organization", organization).type("email", email).type("password", password);
		return press("sign-in-button");
	}

	/** Signs out with the button in the page header. */
	public Browser signOut() {
		press("sign-out-button");
		return expectPath("/login");
	}

	/**
	 * On an enrollment page: reads the manual key (groups of four), names the device, confirms it
	 * with the code {@code codeOf} computes for the key, and returns the key without spaces.
	 */
	public String enroll(String label, UnaryOperator<String> codeOf) {
		String key = text("manual-key").replace(" ", "");
		type("label", label).type("code", codeOf.apply(key));
		press("confirm-button");
		return key;
	}

	/** On the challenge page: enters a code and verifies it. */
	public Browser answerChallenge(String code) {
		expectPath("/login/challenge");
		type("code", code);
		return press("verify-button");
	}

	/** The labels of the devices listed on the account page. */
	public List<String> deviceLabels() {
		element("devices");
		return texts("#devices .device-label");
	}

	/** On the account page: removes the device with this label. */
	public Browser removeDevice(String label) {
		for (WebElement row : driver.findElements(By.cssSelector("#devices tr"))) {
			if (row.findElement(By.cssSelector(".device-label")).getText().equals(label)) {
				return pressElement(row.findElement(By.cssSelector(".remove-device")));
			}
		}
		throw new AssertionError("no device \"" + label + "\" on " + pathAndQuery() + ": " + bodyText());
	}

	// --- failures ---

	private void record(ExtensionContext context, Throwable failure) {
		if (driver == null) {
			return;
		}
		String name = context.getRequiredTestClass().getSimpleName() + "."
				+ context.getTestMethod().map(m -> m.getName()).orElse("setUp");
		try {
			Path png = ARTIFACTS.resolve(name + ".png");
			Path html = ARTIFACTS.resolve(name + ".html");
			Files.write(png, driver.getScreenshotAs(OutputType.BYTES));
			Files.writeString(html, driver.getPageSource(), StandardCharsets.UTF_8);
			System.err.printf("%n[browser] %s failed on %s (%s): %s%n[browser] screenshot %s, page source %s%n"
					+ "[browser] browser console: %s%n[browser] the page reads:%n%s%n%n", name, driver.getCurrentUrl(),
					driver.getTitle(), failure.getMessage(), png.toAbsolutePath(), html.toAbsolutePath(),
					consoleMessages(), bodyText());
		}
		catch (IOException | WebDriverException ex) {
			failure.addSuppressed(ex);
		}
	}

	private void deleteProfile() {
		if (profile == null) {
			return;
		}
		try (Stream<Path> files = Files.walk(profile)) {
			files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
		catch (IOException | UncheckedIOException ex) {
			System.err.println("[browser] could not delete the Chromium profile " + profile + ": " + ex);
		}
	}

}
