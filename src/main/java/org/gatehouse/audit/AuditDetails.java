package org.gatehouse.audit;

import java.util.Map;
import java.util.TreeMap;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Details as canonical JSON: keys sorted, so the same details always hash the same. */
final class AuditDetails {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private AuditDetails() {
	}

	static String toJson(Map<String, String> details) {
		return JSON.writeValueAsString(new TreeMap<>(details));
	}

	static Map<String, String> fromJson(String json) {
		return JSON.readValue(json, new TypeReference<TreeMap<String, String>>() {
		});
	}

}
