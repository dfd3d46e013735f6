package org.gatehouse.audit;

import java.util.List;

import tools.jackson.databind.json.JsonMapper;

/** The audit trail as CSV (RFC 4180 quoting) or JSON. */
final class AuditExport {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private AuditExport() {
	}

	static String csv(List<AuditTrail.Event> events) {
		StringBuilder out = new StringBuilder("seq,id,occurred_at,actor_type,actor_id,action,target_id,outcome,details\r\n");
		for (AuditTrail.Event e : events) {
			out.append(String.join(",", List.of(Long.toString(e.seq()), cell(e.id()), cell(e.occurredAt()),
					cell(e.actorType()), cell(e.actorId()), cell(e.action()), cell(e.targetId()), cell(e.outcome()),
					cell(AuditDetails.toJson(e.details()))))).append("\r\n");
		}
		return out.toString();
	}

	static String json(List<AuditTrail.Event> events) {
		return JSON.writeValueAsString(events);
	}

	private static String cell(Object value) {
		if (value == null) {
			return "";
		}
		String text = value.toString();
		if (text.startsWith("=") || text.startsWith("+") || text.startsWith("-") || text.startsWith("@")) {
			text = "'" + text;
		}
		return text.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')
				? "\"" + text.replace("\"", "\"\"") + "\"" : text;
	}

}
