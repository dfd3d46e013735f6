package org.gatehouse.mfa.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.gatehouse.shared.Text;

/**
 * An {@code otpauth://totp/} Key URI in the Google Authenticator format. It carries the secret,
 * so {@link #toString()} leaves the URI out.
 */
public final class KeyUri {

	private final String issuer;

	private final String account;

	private final String uri;

	private KeyUri(String issuer, String account, String base32Secret) {
		this.issuer = issuer;
		this.account = account;
		this.uri = "otpauth://totp/" + encode(issuer) + ":" + encode(account) + "?secret=" + base32Secret + "&issuer="
				+ encode(issuer) + "&algorithm=SHA1&digits=6&period=30";
	}

	/**
	 * Colons are replaced by spaces in the issuer and the account, since a colon separates them
	 * in the label.
	 * @throws IllegalArgumentException if the issuer or the account is blank, or holds control or
	 * direction-changing characters or a broken surrogate (which an app would show disguised, or
	 * read back as something else)
	 */
	public static KeyUri totp(String issuer, String account, byte[] secret) {
		return new KeyUri(labelPart("issuer", issuer), labelPart("account", account), Base32Secret.encode(secret));
	}

	public String issuer() {
		return this.issuer;
	}

	public String account() {
		return this.account;
	}

	public String uri() {
		return this.uri;
	}

	@Override
	public String toString() {
		return "KeyUri[issuer=" + this.issuer + ", account=" + this.account + "]";
	}

	private static String labelPart(String name, String value) {
		String cleaned = (value != null) ? value.replace(':', ' ').replaceAll("\\s+", " ").strip() : "";
		if (cleaned.isEmpty()) {
			throw new IllegalArgumentException("Key URI " + name + " must not be blank");
		}
		if (!Text.acceptable(cleaned)) {
			throw new IllegalArgumentException("Key URI " + name + " must not contain control or direction-changing characters");
		}
		return cleaned;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

}
