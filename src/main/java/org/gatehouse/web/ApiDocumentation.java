package org.gatehouse.web;

import java.util.List;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.servers.Server;
import org.gatehouse.system.GatehouseSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document names the service's public address as its server. Left to itself, springdoc
 * builds that address from each request's {@code Host} (or {@code X-Forwarded-Host}), so anyone could
 * have a document served, and perhaps cached, that sends Swagger UI's requests to another host.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

	@Bean
	OpenAPI openApi(GatehouseSettings settings) {
		return new OpenAPI().servers(List.of(new Server().url(settings.baseUrl())));
	}

}
