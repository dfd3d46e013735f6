package org.gatehouse.web;

/**
 * The console's forms that several pages share. A field the browser did not send reads as empty, as a blank one
 * would; a form holding a password never shows it in its {@code toString}.
 */
public final class ConsoleForms {

	private ConsoleForms() {
	}

	/** The reason an administrator or an agent gives for an action. */
	public record Reason(String reason) {

		public Reason {
			reason = reason == null ? "" : reason;
		}

	}

	/** The token of an emailed link, carried from the link to the page's button. */
	public record Token(String token) {

		public Token {
			token = token == null ? "" : token;
		}

	}

	/** The token of an emailed link, and the password of the account it is for. */
	public record TokenAndPassword(String token, String password) {

		public TokenAndPassword {
			token = token == null ? "" : token;
			password = password == null ? "" : password;
		}

		@Override
		public String toString() {
			return "TokenAndPassword";
		}

	}

}
