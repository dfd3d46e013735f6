package org.gatehouse.hashing;

import java.time.Duration;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.jna.Callback;
import com.sun.jna.CallbackReference;
import com.sun.jna.Function;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import de.mkammerer.argon2.jna.Size_t;

/**
 * The memory the native Argon2 computes in (19 MiB per password hash), handed to
 * {@code libargon2} through its allocation callbacks instead of its own {@code malloc}.
 * <p>
 * With {@code malloc}, glibc keeps freed blocks of that size in whichever arena the thread
 * used; small allocations placed after them pin them, so under load a process ended up holding
 * five or six such blocks (over 100 MB) while at most one per processor is ever in use. Here the
 * blocks are mapped once, kept in a pool by size and reused, so the pool never holds more than
 * the most hashes that ran at once; {@link #release()} unmaps the pooled blocks (the service does
 * when hashing has been idle for a while), so an idle process holds none. {@code libargon2}
 * wipes a block before it comes back.
 * <p>
 * Hashes of different costs share the pool (19 MiB for a password, 4 MiB for a recovery code): a
 * hash takes the smallest pooled block that is large enough, and one that finds none unmaps a
 * smaller pooled block before it maps its own, so the blocks mapped never outnumber the hashes
 * that ran at once, whatever their sizes.
 * <p>
 * Kept because the simpler ways measured worse ({@code bench/run.sh} at concurrency 16,
 * {@code bench/startup.sh}, {@code bench/hash-interference.sh}; docs/performance.md): with
 * {@code libargon2}'s own {@code malloc} (and the shipped {@code MALLOC_ARENA_MAX=2} and 5 s native
 * heap trim, and without {@link IdleMemory}, 4 MB of the difference) the service idled at 164-174 MB
 * instead of 146-153 MB (target 150), peaked at 249-255 MB instead of 205-209 MB, and a hash took
 * 35-43 ms of CPU instead of 27-39 ms. A fixed
 * {@code MALLOC_MMAP_THRESHOLD_} (1 MiB) matched this pool's memory (idle 151 MB, peak 208 MB) but
 * mapped, faulted in and zeroed a fresh block for every hash: 111-113 ms of CPU per hash; with the
 * threshold at 32 MiB glibc trimmed the freed block at once, 126-137 ms. argon2-jvm's API takes no
 * caller memory: the allocation callbacks of the raw context, used here, are the only way in.
 */
public final class Argon2Memory {

	private static final int ARGON2_OK = 0;

	private static final int ARGON2_MEMORY_ALLOCATION_ERROR = -22;

	private static final ConcurrentSkipListMap<Long, Deque<Pointer>> POOL = new ConcurrentSkipListMap<>();

	/** The size each block handed out was mapped with, by address: it may be larger than asked for. */
	private static final Map<Long, Long> MAPPED_SIZES = new ConcurrentHashMap<>();

	private static final AtomicLong POOLED_BYTES = new AtomicLong();

	private static final AtomicInteger IN_USE = new AtomicInteger();

	private static volatile long lastReturned = System.nanoTime();

	private static final Pages PAGES = Platform.isLinux() ? new MappedPages() : new MallocPages();

	private static final Allocate ALLOCATE = Argon2Memory::allocate;

	private static final Free FREE = Argon2Memory::free;

	/** The callbacks for {@code argon2_context.allocate_cbk} and {@code free_cbk}. */
	static final Pointer ALLOCATE_CALLBACK = CallbackReference.getFunctionPointer(ALLOCATE);

	static final Pointer FREE_CALLBACK = CallbackReference.getFunctionPointer(FREE);

	private Argon2Memory() {
	}

	/** Unmaps every pooled block not in use; returns the bytes given back. */
	public static long release() {
		long released = 0;
		for (Map.Entry<Long, Deque<Pointer>> sized : POOL.entrySet()) {
			for (Pointer block = sized.getValue().poll(); block != null; block = sized.getValue().poll()) {
				POOLED_BYTES.addAndGet(-sized.getKey());
				PAGES.unmap(block, sized.getKey());
				released += sized.getKey();
			}
		}
		return released;
	}

	/** Bytes held in the pool for the next hashes (not counting blocks in use). */
	public static long pooledBytes() {
		return POOLED_BYTES.get();
	}

	/** Blocks handed to hashes running now. */
	public static int inUse() {
		return IN_USE.get();
	}

	/** How long no hash has had a block: zero while one computes. */
	public static Duration idleFor() {
		return IN_USE.get() > 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - lastReturned);
	}

	private static int allocate(Pointer memory, Size_t size) {
		long bytes = size.longValue();
		Pointer block = null;
		long mapped = bytes;
		for (Map.Entry<Long, Deque<Pointer>> sized : POOL.tailMap(bytes).entrySet()) {
			block = sized.getValue().poll();
			if (block != null) {
				mapped = sized.getKey();
				POOLED_BYTES.addAndGet(-mapped);
				break;
			}
		}
		if (block == null) {
			unmapOneSmallerThan(bytes);
			block = PAGES.map(bytes);
			if (block == null) {
				return ARGON2_MEMORY_ALLOCATION_ERROR;
			}
		}
		MAPPED_SIZES.put(Pointer.nativeValue(block), mapped);
		IN_USE.incrementAndGet();
		memory.setPointer(0, block);
		return ARGON2_OK;
	}

	private static void unmapOneSmallerThan(long bytes) {
		for (Map.Entry<Long, Deque<Pointer>> sized : POOL.headMap(bytes).entrySet()) {
			Pointer smaller = sized.getValue().poll();
			if (smaller != null) {
				POOLED_BYTES.addAndGet(-sized.getKey());
				PAGES.unmap(smaller, sized.getKey());
				return;
			}
		}
	}

	private static void free(Pointer block, Size_t size) {
		Long mapped = MAPPED_SIZES.remove(Pointer.nativeValue(block));
		long bytes = mapped != null ? mapped : size.longValue();
		IN_USE.decrementAndGet();
		POOL.computeIfAbsent(bytes, b -> new ConcurrentLinkedDeque<>()).push(block);
		POOLED_BYTES.addAndGet(bytes);
		lastReturned = System.nanoTime();
	}

	interface Allocate extends Callback {

		int invoke(Pointer memory, Size_t bytes);

	}

	interface Free extends Callback {

		void invoke(Pointer memory, Size_t bytes);

	}

	private interface Pages {

		Pointer map(long bytes);

		void unmap(Pointer block, long bytes);

	}

	/** Anonymous private mappings: given back to the system as soon as they are unmapped. */
	private static final class MappedPages implements Pages {

		private static final int PROT_READ_WRITE = 0x1 | 0x2;

		private static final int MAP_PRIVATE_ANONYMOUS = 0x02 | 0x20;

		private final Function mmap;

		private final Function munmap;

		MappedPages() {
			NativeLibrary c = NativeLibrary.getInstance(Platform.C_LIBRARY_NAME);
			this.mmap = c.getFunction("mmap");
			this.munmap = c.getFunction("munmap");
		}

		@Override
		public Pointer map(long bytes) {
			Pointer block = this.mmap.invokePointer(
					new Object[] { Pointer.NULL, new Size_t(bytes), PROT_READ_WRITE, MAP_PRIVATE_ANONYMOUS, -1, 0L });
			return (block == null || Pointer.nativeValue(block) == -1L) ? null : block;
		}

		@Override
		public void unmap(Pointer block, long bytes) {
			this.munmap.invokeInt(new Object[] { block, new Size_t(bytes) });
		}

	}

	/** Elsewhere, the C library's allocator. */
	private static final class MallocPages implements Pages {

		@Override
		public Pointer map(long bytes) {
			long address = Native.malloc(bytes);
			return address == 0 ? null : new Pointer(address);
		}

		@Override
		public void unmap(Pointer block, long bytes) {
			Native.free(Pointer.nativeValue(block));
		}

	}

}
