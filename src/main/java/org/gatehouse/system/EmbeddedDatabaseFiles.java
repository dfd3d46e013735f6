package org.gatehouse.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The embedded H2 database in a file: before the first connection, its directory is made the
 * owner's alone and its files private ({@link OwnerOnlyFiles}), and a new database file is created
 * 0600 for H2 to fill, since H2 itself creates files as the umask allows (usually 0644).
 */
public final class EmbeddedDatabaseFiles {

	private static final String FILE_URL = "jdbc:h2:file:";

	private EmbeddedDatabaseFiles() {
	}

	/** Prepares the files of a {@code jdbc:h2:file:} URL; any other URL is left alone. */
	public static void prepare(String jdbcUrl) {
		if (jdbcUrl == null || !jdbcUrl.startsWith(FILE_URL)) {
			return;
		}
		String name = jdbcUrl.substring(FILE_URL.length()).split(";", 2)[0];
		if (name.startsWith("~")) {
			name = System.getProperty("user.home") + name.substring(1);
		}
		Path database = Path.of(name).toAbsolutePath().normalize();
		Path directory = OwnerOnlyFiles.directory(database.getParent());
		String base = database.getFileName().toString();
		OwnerOnlyFiles.files(directory, base + ".*");
		Path file = directory.resolve(base + ".mv.db");
		try {
			if (!Files.exists(file)) {
				Files.createFile(file, OwnerOnlyFiles.creation(file));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Database file " + file + " could not be created", ex);
		}
	}

}
