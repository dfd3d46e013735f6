package org.gatehouse.help;

import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Counts "Was this page helpful?" answers per article. */
@Service
public class HelpVotes {

	static final Set<String> ARTICLES = Set.of("lost-device");

	private final JdbcClient jdbc;

	HelpVotes(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public record Counts(String article, long helpful, long notHelpful) {
	}

	@Transactional
	public void vote(String article, boolean helpful) {
		if (ARTICLES.contains(article)) {
			jdbc.sql("UPDATE help_vote SET votes = votes + 1 WHERE article = ? AND helpful = ?")
				.params(article, helpful).update();
		}
	}

	@Transactional(readOnly = true)
	public Counts counts(String article) {
		long[] votes = new long[2];
		jdbc.sql("SELECT helpful, votes FROM help_vote WHERE article = ?").param(article)
			.query(rs -> {
				votes[rs.getBoolean(1) ? 0 : 1] = rs.getLong(2);
			});
		return new Counts(article, votes[0], votes[1]);
	}

}
