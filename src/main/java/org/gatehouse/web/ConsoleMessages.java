package org.gatehouse.web;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** The console's sentences from {@code messages.properties}, for the notices and titles that Java code sets. */
@Component
public class ConsoleMessages {

	private final MessageSource messages;

	ConsoleMessages(MessageSource messages) {
		this.messages = messages;
	}

	/** The text under {@code key}, with {@code args} put in its {@code {0}}, {@code {1}} … */
	public String text(String key, Object... args) {
		return messages.getMessage(key, args, LocaleContextHolder.getLocale());
	}

}
