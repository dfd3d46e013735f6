package org.gatehouse.mfa.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assumptions.assumeThat;

class KeyFileTests {

	@TempDir
	Path directory;

	@Test
	void createsA32ByteKeyWithParentDirectories() throws IOException {
		Path file = this.directory.resolve("data/keys/secret-box.key");
		byte[] key = KeyFile.loadOrCreate(file);
		assertThat(key).hasSize(32);
		assertThat(Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII))).isEqualTo(key);
	}

	@Test
	void createsTheFileReadableAndWritableOnlyByItsOwner() throws IOException {
		assumeThat(this.directory.getFileSystem().supportedFileAttributeViews()).contains("posix");
		Path file = this.directory.resolve("secret-box.key");
		KeyFile.loadOrCreate(file);
		assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
				PosixFilePermission.OWNER_WRITE);
	}

	@Test
	void returnsTheSameKeyOnTheSecondCall() {
		Path file = this.directory.resolve("secret-box.key");
		assertThat(KeyFile.loadOrCreate(file)).isEqualTo(KeyFile.loadOrCreate(file));
	}

	@Test
	void createsADifferentKeyForEachFile() {
		assertThat(KeyFile.loadOrCreate(this.directory.resolve("a.key")))
			.isNotEqualTo(KeyFile.loadOrCreate(this.directory.resolve("b.key")));
	}

	@Test
	void readsAnExistingKey() throws IOException {
		byte[] key = new byte[32];
		key[0] = 42;
		Path file = Files.writeString(this.directory.resolve("given.key"),
				Base64.getEncoder().encodeToString(key) + "\n");
		assertThat(KeyFile.loadOrCreate(file)).isEqualTo(key);
	}

	@Test
	void refusesAnExistingFileWithoutA32ByteKey() throws IOException {
		Path file = Files.writeString(this.directory.resolve("short.key"),
				Base64.getEncoder().encodeToString(new byte[16]));
		assertThatIllegalArgumentException().isThrownBy(() -> KeyFile.loadOrCreate(file))
			.withMessageContaining("32 bytes");
		assertThat(Files.readString(file)).isEqualTo(Base64.getEncoder().encodeToString(new byte[16]));
	}

}
