package org.gatehouse.system;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import de.mkammerer.argon2.jna.Size_t;

/**
 * The C library's allocator. glibc keeps memory that the JVM's native parts (the JIT compiler, class loading, network
 * buffers) freed, for reuse; {@link #trim()} gives the free pages of every arena back to the system
 * ({@code malloc_trim}). Elsewhere (another C library or system) it does nothing.
 */
final class NativeHeap {

	private static final Function MALLOC_TRIM = lookup();

	private NativeHeap() {
	}

	/** Whether this C library can give freed memory back. */
	static boolean trimmable() {
		return MALLOC_TRIM != null;
	}

	static void trim() {
		if (MALLOC_TRIM != null) {
			MALLOC_TRIM.invokeInt(new Object[] { new Size_t(0) });
		}
	}

	private static Function lookup() {
		if (!Platform.isLinux()) {
			return null;
		}
		try {
			return NativeLibrary.getInstance(Platform.C_LIBRARY_NAME).getFunction("malloc_trim");
		}
		catch (UnsatisfiedLinkError notGlibc) {
			return null;
		}
	}

}
