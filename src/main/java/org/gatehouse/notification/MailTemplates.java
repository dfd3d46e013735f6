package org.gatehouse.notification;

import java.util.Map;

import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders the plain-text bodies of messages from Thymeleaf TEXT templates in
 * {@code templates/mail/}. Values are written as they are ({@code [(${...})]}): a plain-text mail
 * has nothing to escape, and a value is never read as template syntax. Templates are parsed once
 * and kept.
 * <p>
 * The engine is this class's own, not a bean: Spring Boot's engine for the console's HTML pages
 * takes every template resolver bean, and this one must not answer for console views.
 */
@Component
class MailTemplates {

	private final SpringTemplateEngine engine = new SpringTemplateEngine();

	MailTemplates() {
		ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(MailTemplates.class.getClassLoader());
		resolver.setPrefix("templates/mail/");
		resolver.setSuffix(".txt");
		resolver.setTemplateMode(TemplateMode.TEXT);
		resolver.setCharacterEncoding("UTF-8");
		resolver.setCacheable(true);
		engine.setTemplateResolver(resolver);
		engine.setEnableSpringELCompiler(true);
	}

	/** The body made from {@code templates/mail/<name>.txt} with these variables. */
	String render(String name, Map<String, Object> variables) {
		Context context = new Context();
		context.setVariables(variables);
		return engine.process(name, context);
	}

	/**
	 * A paragraph to put into another template: as {@link #render}, without the line break that
	 * ends the template's file.
	 */
	String paragraph(String name, Map<String, Object> variables) {
		String text = render(name, variables);
		return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
	}

}
