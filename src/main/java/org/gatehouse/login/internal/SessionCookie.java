package org.gatehouse.login.internal;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;

/**
 * The console's session cookie. Over https (directly, or from a trusted TLS proxy that says so in
 * {@code X-Forwarded-Proto}) it is {@code Secure} and named with the {@code __Host-} prefix, which
 * browsers accept only when it is Secure, for path {@code /} and without a domain: a sibling domain
 * cannot plant or overwrite it, and only that name is read over https. Over plain http, which only local
 * development uses, it is a plain cookie, unless {@code GATEHOUSE_SECURE_COOKIES=true} makes it Secure
 * everywhere. The setting can only add the attribute; https always gets it.
 */
public final class SessionCookie implements CookieSerializer {

	static final String NAME = "GATEHOUSE_SESSION";

	public static final String SECURE_NAME = "__Host-" + NAME;

	private final boolean alwaysSecure;

	private final DefaultCookieSerializer plain = serializer(NAME, false);

	private final DefaultCookieSerializer secure = serializer(SECURE_NAME, true);

	public SessionCookie(boolean alwaysSecure) {
		this.alwaysSecure = alwaysSecure;
	}

	@Override
	public void writeCookieValue(CookieValue cookieValue) {
		serializerFor(cookieValue.getRequest()).writeCookieValue(cookieValue);
	}

	@Override
	public List<String> readCookieValues(HttpServletRequest request) {
		return serializerFor(request).readCookieValues(request);
	}

	/**
	 * Whether a cookie set in answer to this request is {@code Secure}, given {@code gatehouse.secure-cookies}:
	 * the rule for every cookie Gatehouse sets.
	 */
	static boolean secure(boolean alwaysSecure, HttpServletRequest request) {
		return alwaysSecure || request.isSecure();
	}

	private CookieSerializer serializerFor(HttpServletRequest request) {
		return secure(alwaysSecure, request) ? secure : plain;
	}

	private static DefaultCookieSerializer serializer(String name, boolean secure) {
		DefaultCookieSerializer serializer = new DefaultCookieSerializer();
		serializer.setCookieName(name);
		serializer.setCookiePath("/");
		serializer.setUseHttpOnlyCookie(true);
		serializer.setSameSite("Lax");
		serializer.setUseSecureCookie(secure);
		return serializer;
	}

}
