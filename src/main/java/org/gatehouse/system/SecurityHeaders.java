package org.gatehouse.system;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The browser-side policies every answer carries. The console's pages load scripts, styles and
 * images from the service alone (QR codes are {@code data:} images drawn by the service), so no
 * inline script or style is allowed: an injected one does not run. API answers are JSON, never
 * rendered, so their policy allows nothing. Swagger UI's scripts set inline styles, so its pages get
 * the console's policy with inline styles allowed, and nothing more.
 */
public final class SecurityHeaders {

	public static final String CONSOLE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

	public static final String DOCUMENTATION_POLICY = "default-src 'self'; script-src 'self'; "
			+ "style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
			+ "frame-ancestors 'none'; form-action 'self'";

	public static final String API_POLICY = "default-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

	/** Links to other sites must not tell them which console page, with which query, the person came from. */
	public static final String REFERRER_POLICY = "no-referrer";

	/**
	 * No page of Gatehouse needs a camera, a microphone, the location or other powerful features; an
	 * injected frame or script must not ask for them. Passkeys (WebAuthn) stay with the service's own pages.
	 */
	public static final String PERMISSIONS_POLICY = "accelerometer=(), autoplay=(), bluetooth=(), camera=(), "
			+ "display-capture=(), geolocation=(), gyroscope=(), hid=(), magnetometer=(), microphone=(), midi=(), "
			+ "payment=(), serial=(), usb=(), xr-spatial-tracking=(), "
			+ "publickey-credentials-create=(self), publickey-credentials-get=(self)";

	private SecurityHeaders() {
	}

	/**
	 * For answers written before any security filter chain runs (the firewall's refusals): the API's
	 * policies and what Spring Security adds to every answer.
	 */
	static void writeApiHeaders(HttpServletResponse response) {
		response.setHeader("Content-Security-Policy", API_POLICY);
		response.setHeader("Referrer-Policy", REFERRER_POLICY);
		response.setHeader("Permissions-Policy", PERMISSIONS_POLICY);
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("X-Frame-Options", "DENY");
		response.setHeader("Cache-Control", "no-store");
	}

}
