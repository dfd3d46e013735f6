package org.gatehouse.login.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.gatehouse.login.SignedIn;
import org.gatehouse.login.Stage;
import org.gatehouse.shared.Actor;
import org.gatehouse.shared.Permission;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The authentication of one request, built from the live state of the account. Its authorities
 * are the verified factors (Spring Security's {@link FactorGrantedAuthority}), the stage, and,
 * once signed in, the role's permissions.
 */
public final class GatehouseAuthentication extends AbstractAuthenticationToken {

	public static final String TOTP_FACTOR = "FACTOR_TOTP";
	public static final String SIGNED_IN = "STAGE_DONE";

	private final SignedIn signedIn;
	private final Stage stage;
	private final Actor actor;
	private final String tokenHash;

	public GatehouseAuthentication(SignedIn signedIn, Stage stage, Actor actor, String tokenHash) {
		super(authorities(signedIn, stage, actor));
		this.signedIn = signedIn;
		this.stage = stage;
		this.actor = actor;
		this.tokenHash = tokenHash;
		setAuthenticated(true);
	}

	private static Collection<GrantedAuthority> authorities(SignedIn signedIn, Stage stage, Actor actor) {
		List<GrantedAuthority> result = new ArrayList<>();
		if (signedIn.passwordAt() != null) {
			result.add(FactorGrantedAuthority.withAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY)
				.issuedAt(signedIn.passwordAt()).build());
		}
		if (signedIn.strongFactorAt() != null) {
			result.add(FactorGrantedAuthority.withAuthority(TOTP_FACTOR).issuedAt(signedIn.strongFactorAt()).build());
		}
		result.add(new SimpleGrantedAuthority("STAGE_" + stage.name()));
		if (stage == Stage.DONE) {
			for (Permission p : actor.permissions()) {
				result.add(new SimpleGrantedAuthority("PERMISSION_" + p.code()));
			}
		}
		return result;
	}

	public SignedIn signedIn() {
		return signedIn;
	}

	public Stage stage() {
		return stage;
	}

	/** The actor, for a finished sign-in only. */
	public Actor actor() {
		return actor;
	}

	public String tokenHash() {
		return tokenHash;
	}

	@Override
	public Object getCredentials() {
		return "";
	}

	@Override
	public Object getPrincipal() {
		return signedIn.userId().toString();
	}

	@Override
	public boolean equals(Object other) {
		return this == other;
	}

	@Override
	public int hashCode() {
		return System.identityHashCode(this);
	}

}
