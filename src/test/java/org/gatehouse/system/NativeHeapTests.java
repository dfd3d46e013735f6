package org.gatehouse.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import org.junit.jupiter.api.Test;

/** Memory the C library's allocator keeps after it was freed goes back to the system on a trim. */
class NativeHeapTests {

	@Test
	void aTrimGivesBackFreedMemoryThatTheAllocatorKept() throws IOException {
		assumeTrue(Platform.isLinux() && NativeHeap.trimmable(), "glibc's malloc_trim (Linux)");
		// 64 MiB in 64 KiB pieces, below the size glibc maps separately, with the last piece kept
		// so that freeing the others cannot shrink the heap from its top
		List<Long> pieces = new ArrayList<>();
		for (int i = 0; i < 1024; i++) {
			long piece = Native.malloc(64 * 1024);
			new com.sun.jna.Pointer(piece).setMemory(0, 64 * 1024, (byte) 1);
			pieces.add(piece);
		}
		long kept = pieces.remove(pieces.size() - 1);
		pieces.forEach(Native::free);
		long before = residentKiB();

		NativeHeap.trim();

		long after = residentKiB();
		Native.free(kept);
		assertThat(before - after).as("KiB given back").isGreaterThan(32 * 1024);
	}

	@Test
	void aTrimIsHarmlessWhenThereIsNothingToGiveBack() {
		NativeHeap.trim();
		NativeHeap.trim();
	}

	private static long residentKiB() throws IOException {
		return Files.readAllLines(Path.of("/proc/self/status")).stream()
			.filter(line -> line.startsWith("VmRSS:"))
			.mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
			.findFirst()
			.orElseThrow();
	}

}
