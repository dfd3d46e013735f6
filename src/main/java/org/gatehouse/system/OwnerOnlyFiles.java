package org.gatehouse.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default's files (database, key file, local mailbox) hold password hashes, the key
 * that opens every TOTP seed and one-time links: only the service's own operating-system user may
 * read them. Directories are made 0700 and files 0600; ones found with any access for the group or
 * others (made by hand, or by an older build under a lax umask) are tightened, with a warning.
 * Without POSIX permissions (Windows) the file system's own access rules apply.
 */
public final class OwnerOnlyFiles {

	private static final Logger log = LoggerFactory.getLogger(OwnerOnlyFiles.class);

	private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

	private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

	private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
			PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
			PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

	private OwnerOnlyFiles() {
	}

	/** Creates the directory (and missing parents) for the owner alone, or tightens an existing one. */
	public static Path directory(Path directory) {
		Path dir = directory.toAbsolutePath().normalize();
		try {
			if (!Files.isDirectory(dir)) {
				Files.createDirectories(dir);
				if (posix(dir)) {
					Files.setPosixFilePermissions(dir, DIRECTORY); // createDirectories' attribute is subject to the umask
				}
				return dir;
			}
			tighten(dir, DIRECTORY);
			return dir;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Directory " + dir + " could not be created or made private", ex);
		}
	}

	/** Tightens a file that the group or others may access; a missing file is left missing. */
	public static void file(Path file) {
		try {
			if (Files.isRegularFile(file)) {
				tighten(file, FILE);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("File " + file + " could not be made private", ex);
		}
	}

	/** Tightens every file in the directory whose name matches the glob. */
	public static void files(Path directory, String glob) {
		try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, glob)) {
			files.forEach(OwnerOnlyFiles::file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Directory " + directory + " could not be read", ex);
		}
	}

	/** The attribute that creates a file for the owner alone, where the file system has POSIX permissions. */
	public static FileAttribute<?>[] creation(Path file) {
		return posix(file) ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(FILE) }
				: new FileAttribute<?>[0];
	}

	private static void tighten(Path path, Set<PosixFilePermission> wanted) throws IOException {
		if (!posix(path)) {
			return;
		}
		Set<PosixFilePermission> current = Files.getPosixFilePermissions(path);
		if (current.stream().anyMatch(OTHERS::contains)) {
			Files.setPosixFilePermissions(path, wanted);
			log.warn("{} was {}, readable beyond its owner; it is now {}. Check who else could have read it.", path,
					PosixFilePermissions.toString(current), PosixFilePermissions.toString(wanted));
		}
	}

	private static boolean posix(Path path) {
		return path.getFileSystem().supportedFileAttributeViews().contains("posix");
	}

}
