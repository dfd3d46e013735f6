package org.gatehouse.operations;

import javax.sql.DataSource;

import org.gatehouse.system.EmbeddedDatabaseFiles;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

@Configuration(proxyBeanMethods = false)
class OperationsConfiguration {

	/**
	 * The schema brought to this build's migrations before anything uses the database; an embedded
	 * database's files are made private before the first connection opens them.
	 */
	@Bean
	SchemaMigrations schemaMigrations(DataSource dataSource, ResourceLoader resourceLoader,
			@Value("${spring.datasource.url:}") String url) {
		EmbeddedDatabaseFiles.prepare(url);
		return new SchemaMigrations(dataSource, resourceLoader.getClassLoader());
	}

}
