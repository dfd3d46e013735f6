package org.gatehouse.web;

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

	/** Which policy a path gets: the API's, the documentation's or the console's. */
	static String contentSecurityPolicy(String path) {
		if (path.startsWith("/api/")) {
			return API_POLICY;
		}
		if (path.startsWith("/swagger-ui") || path.startsWith("/v3/api-docs")) {
			return DOCUMENTATION_POLICY;
		}
		return CONSOLE_POLICY;
	}

}
