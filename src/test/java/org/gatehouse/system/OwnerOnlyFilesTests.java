package org.gatehouse.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import org.gatehouse.mfa.internal.KeyFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded default keeps the database, the key file and the local mailbox under the data
 * directory, on the real file system: the directory is the owner's alone (0700) and so is every file
 * (0600), also when they were made earlier with looser modes, which are tightened with a warning.
 */
@ExtendWith(OutputCaptureExtension.class)
class OwnerOnlyFilesTests {

	@TempDir
	Path temp;

	@Test
	void aFreshEmbeddedDatabaseLivesInAnOwnerOnlyDirectoryAndFile() throws Exception {
		Path data = temp.resolve("data");
		String url = "jdbc:h2:file:" + data.resolve("gatehouse") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";

		EmbeddedDatabaseFiles.prepare(url);
		write(url);

		assertThat(mode(data)).isEqualTo("rwx------");
		assertThat(mode(data.resolve("gatehouse.mv.db"))).isEqualTo("rw-------");
	}

	@Test
	void anExistingDatabaseWithLooserModesIsTightenedWithAWarning(CapturedOutput output) throws Exception {
		Path data = temp.resolve("data");
		String url = "jdbc:h2:file:" + data.resolve("gatehouse") + ";MODE=PostgreSQL";
		write(url);
		Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
		Files.setPosixFilePermissions(data.resolve("gatehouse.mv.db"), PosixFilePermissions.fromString("rw-r--r--"));

		EmbeddedDatabaseFiles.prepare(url);
		write(url);

		assertThat(mode(data)).isEqualTo("rwx------");
		assertThat(mode(data.resolve("gatehouse.mv.db"))).isEqualTo("rw-------");
		assertThat(output).contains("WARN").contains(data.toString()).contains("gatehouse.mv.db");
	}

	@Test
	void aDatabaseElsewhereThanAFileIsLeftAlone() {
		EmbeddedDatabaseFiles.prepare("jdbc:h2:mem:x;MODE=PostgreSQL");
		EmbeddedDatabaseFiles.prepare("jdbc:postgresql://127.0.0.1:5432/gatehouse");
	}

	@Test
	void anExistingKeyFileAndItsDirectoryWithLooserModesAreTightenedWithAWarning(CapturedOutput output)
			throws Exception {
		Path data = Files.createDirectories(temp.resolve("keys"));
		Path file = data.resolve("encryption.key");
		byte[] key = KeyFile.loadOrCreate(file);
		assertThat(mode(file)).isEqualTo("rw-------");
		Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

		assertThat(KeyFile.loadOrCreate(file)).isEqualTo(key);

		assertThat(mode(data)).isEqualTo("rwx------");
		assertThat(mode(file)).isEqualTo("rw-------");
		assertThat(output).contains("WARN").contains(file.toString());
	}

	@Test
	void aNewKeyFileGetsAnOwnerOnlyDirectory() {
		Path file = temp.resolve("fresh").resolve("encryption.key");
		KeyFile.loadOrCreate(file);
		assertThat(mode(file.getParent())).isEqualTo("rwx------");
		assertThat(mode(file)).isEqualTo("rw-------");
	}

	static void write(String url) throws Exception {
		try (Connection connection = DriverManager.getConnection(url, "sa", "");
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE IF NOT EXISTS t (id INT)");
			statement.execute("INSERT INTO t VALUES (1)");
		}
	}

	static String mode(Path path) {
		try {
			return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
