package org.gatehouse.operations;

import java.util.List;

import org.springframework.stereotype.Component;

/**
 * {@code migrate}: brings the database schema to this build's migrations and exits, without
 * starting the service. The migrations run while the command's context starts
 * ({@link SchemaMigrations}); the command reports the outcome. {@code bin/gatehouse} runs it
 * before it records a build's AOT cache, so that the cache holds the classes a service loads
 * when its schema is current, without Flyway's.
 */
@Component
class MigrateCommand implements GatehouseCommand {

	private final SchemaMigrations migrations;

	MigrateCommand(SchemaMigrations migrations) {
		this.migrations = migrations;
	}

	@Override
	public String name() {
		return "migrate";
	}

	@Override
	public int run(List<String> args) {
		return this.migrations.difference().map(difference -> {
			System.err.println("gatehouse migrate: the schema still differs from this build: " + difference);
			return 1;
		}).orElseGet(() -> {
			System.out.println("gatehouse migrate: the database schema is current");
			return 0;
		});
	}

}
