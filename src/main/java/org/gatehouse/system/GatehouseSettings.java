package org.gatehouse.system;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code gatehouse.*}.
 *
 * @param baseUrl the address people reach the console at, used in the links of emails
 * @param dataDir where the embedded default keeps its database, key file and local mailbox
 */
@ConfigurationProperties("gatehouse")
public record GatehouseSettings(String baseUrl, String dataDir) {

	public GatehouseSettings {
		if (baseUrl == null || baseUrl.isBlank()) {
			baseUrl = "http://localhost:8080";
		}
		baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
		URI parsed = URI.create(baseUrl);
		if (!"http".equalsIgnoreCase(parsed.getScheme()) && !"https".equalsIgnoreCase(parsed.getScheme())) {
			throw new IllegalArgumentException("gatehouse.base-url must be an http(s) URL: " + baseUrl);
		}
		// links append a path and "?token=": a query, fragment or user-info part would carry the token elsewhere
		if (parsed.isOpaque() || parsed.getHost() == null || parsed.getRawUserInfo() != null
				|| parsed.getRawQuery() != null || parsed.getRawFragment() != null) {
			throw new IllegalArgumentException(
					"gatehouse.base-url must be scheme, host, optional port and path, nothing else: " + baseUrl);
		}
		if (dataDir == null || dataDir.isBlank()) {
			dataDir = "./data";
		}
	}

	public String link(String path, String token) {
		return baseUrl + path + "?token=" + token;
	}

}
