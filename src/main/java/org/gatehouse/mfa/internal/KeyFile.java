package org.gatehouse.mfa.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

import org.gatehouse.system.OwnerOnlyFiles;

/**
 * The embedded default for the secret-box key: a base64 AES-256 key in a file that only its
 * owner may read, in a directory only its owner may enter, created on first use.
 */
public final class KeyFile {

	private static final SecureRandom RANDOM = new SecureRandom();

	private KeyFile() {
	}

	/**
	 * @throws IllegalArgumentException if the file exists but does not hold base64 for 32 bytes
	 * @throws UncheckedIOException if the file cannot be read or created
	 */
	public static byte[] loadOrCreate(Path file) {
		try {
			Path parent = file.toAbsolutePath().getParent();
			if (parent != null) {
				OwnerOnlyFiles.directory(parent);
			}
			OwnerOnlyFiles.file(file);
			return Files.exists(file) ? load(file) : create(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Key file " + file + " could not be read or created", ex);
		}
	}

	private static byte[] load(Path file) throws IOException {
		return SecretBox.parseKey(Files.readString(file, StandardCharsets.US_ASCII));
	}

	private static byte[] create(Path file) throws IOException {
		try {
			Files.createFile(file, OwnerOnlyFiles.creation(file));
		}
		catch (FileAlreadyExistsException ex) {
			return load(file);
		}
		byte[] key = new byte[SecretBox.KEY_BYTES];
		RANDOM.nextBytes(key);
		Files.writeString(file, Base64.getEncoder().encodeToString(key), StandardCharsets.US_ASCII);
		return key;
	}

}
