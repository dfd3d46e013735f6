package org.gatehouse.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.gatehouse.shared.Problem;

/**
 * Marks a console action whose refusal (a {@link org.gatehouse.shared.ProblemException} or a form that fails its
 * validation) is shown to the person on the form's page, with the refusal's message as {@code error}. The action
 * itself has no catch block: {@link ConsoleRefusals} does this for every action so marked.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface ShowsRefusal {

	/**
	 * The page: a view name ({@code "login"}), drawn again with the refusal's status and the submitted form
	 * (secrets are never drawn back), or a redirect ({@code "redirect:/users/{id}"}) that carries the message to
	 * the next page.
	 */
	String value();

	/** Refusals that get the error page instead, as on any other request (an unknown user, say). */
	Problem[] errorPageFor() default {};

	/** Whether a missing permission gets the error page (and its audit entry) instead of the form's page. */
	boolean errorPageForMissingPermission() default false;

}
