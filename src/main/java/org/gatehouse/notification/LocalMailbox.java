package org.gatehouse.notification;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.UUID;

import org.gatehouse.system.OwnerOnlyFiles;

/**
 * Without an SMTP server, messages are written as RFC 5322 files into a folder only the
 * service's own operating-system user can read, so the embedded default works end to end.
 */
class LocalMailbox implements MailTransport, MailTransport.Run {

	private final Path folder;
	private final Clock clock;
	private final boolean posix;

	LocalMailbox(Path folder, Clock clock) throws IOException {
		this.folder = folder.toAbsolutePath().normalize();
		this.clock = clock;
		this.posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
		OwnerOnlyFiles.directory(this.folder);
		OwnerOnlyFiles.files(this.folder, "*.eml"); // they hold one-time links
	}

	Path folder() {
		return folder;
	}

	@Override
	public Run open() {
		return this;
	}

	@Override
	public void close() {
	}

	@Override
	public void deliver(String from, String to, String subject, String body) throws IOException {
		String message = "Date: " + clock.instant() + "\r\nFrom: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject
				+ "\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + body + "\r\n";
		Path file = folder.resolve(clock.millis() + "-" + UUID.randomUUID() + ".eml");
		if (posix) {
			Files.createFile(file, OwnerOnlyFiles.creation(file));
		}
		Files.writeString(file, message, StandardCharsets.UTF_8, posix ? StandardOpenOption.TRUNCATE_EXISTING
				: StandardOpenOption.CREATE_NEW);
	}

}
