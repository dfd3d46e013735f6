package org.gatehouse.operations;

import java.util.Set;

import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;

/**
 * Tells Spring Boot that {@link SchemaMigrations} initializes the database, so every bean that
 * uses it (data sources' templates, the session repository) is created after the migrations ran.
 * Registered in {@code META-INF/spring.factories}.
 */
public final class SchemaMigrationsDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

	@Override
	protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
		return Set.of(SchemaMigrations.class);
	}

}
