package org.gatehouse.support;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Counts the database round trips of the server's request threads: every statement executed and
 * every commit or rollback. (PgJDBC sends a transaction's BEGIN with its first statement, so it
 * costs no round trip of its own.) Wraps the application's data source in every integration test;
 * background work such as mail dispatch runs on other threads and is not counted.
 */
public final class RoundTrips implements BeanPostProcessor {

	private static final Set<String> COUNTED = Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate",
			"executeBatch", "executeLargeBatch", "commit", "rollback");

	private static final Set<String> WRITES = Set.of("executeUpdate", "executeLargeUpdate", "executeBatch",
			"executeLargeBatch");

	private static final AtomicLong count = new AtomicLong();

	private static final AtomicLong commits = new AtomicLong();

	/** Round trips so far; subtract two readings to count what happened in between. */
	public static long count() {
		return count.get();
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		return bean instanceof DataSource dataSource && !(bean instanceof Counting) ? new Counting(dataSource) : bean;
	}

	private static final class Counting extends DelegatingDataSource {

		Counting(DataSource target) {
			super(target);
		}

		@Override
		public Connection getConnection() throws SQLException {
			return counted(Connection.class, super.getConnection());
		}

		@Override
		public Connection getConnection(String username, String password) throws SQLException {
			return counted(Connection.class, super.getConnection(username, password));
		}

	}

	/**
	 * Commits so far, each of which waits for the database to flush its log to disk: explicit ones, and
	 * writes in autocommit mode.
	 */
	public static long commits() {
		return commits.get();
	}

	/** The connection or statement, its round trips on request threads counted, and so those of its statements. */
	private static <T> T counted(Class<T> type, T target) {
		return type.cast(Proxy.newProxyInstance(RoundTrips.class.getClassLoader(), new Class<?>[] { type },
				(proxy, method, args) -> {
					if (COUNTED.contains(method.getName()) && Thread.currentThread().getName().startsWith("http-nio-")) {
						count.incrementAndGet();
						if (method.getName().equals("commit") || WRITES.contains(method.getName())
								&& target instanceof Statement statement && statement.getConnection().getAutoCommit()) {
							commits.incrementAndGet();
						}
					}
					Object result = invoke(target, method, args);
					return result instanceof Statement statement && type == Connection.class ? countedStatement(statement)
							: result;
				}));
	}

	private static Statement countedStatement(Statement statement) {
		if (statement instanceof CallableStatement callable) {
			return counted(CallableStatement.class, callable);
		}
		if (statement instanceof PreparedStatement prepared) {
			return counted(PreparedStatement.class, prepared);
		}
		return counted(Statement.class, statement);
	}

	private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
		try {
			return method.invoke(target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

}
