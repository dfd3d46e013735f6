package org.gatehouse.operations;

import org.gatehouse.system.GatehouseSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Tells whoever started the service where to open it; an operator's command serves nothing, so says nothing. */
@Component
class ReadyMessage {

	private static final Logger log = LoggerFactory.getLogger(ReadyMessage.class);

	private final GatehouseSettings settings;

	private final boolean command;

	ReadyMessage(GatehouseSettings settings, @Value("${gatehouse.command:}") String command) {
		this.settings = settings;
		this.command = !command.isEmpty();
	}

	@EventListener(ApplicationReadyEvent.class)
	void ready() {
		if (this.command) {
			return;
		}
		log.info("Gatehouse is ready: open {}/ in your browser", settings.baseUrl());
	}

}
