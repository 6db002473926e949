package dev.sockets.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

/**
 * The bytes of one read from a client of a raw listener, in the buffer they were read
 * into.
 * <p>
 * Raw input travels through a flow in this unit rather than as a byte array: a flow that
 * answers with the chunk itself (as echo does) has it written back from that buffer,
 * never copied into the heap and out again. A chunk is valid while its message is being
 * handled on the thread that read it, which is where a flow's endpoints run; whatever
 * keeps its bytes past that takes a copy, {@link #bytes()}.
 */
public final class Chunk {

	private final ByteBuf buffer;

	Chunk(ByteBuf buffer) {
		this.buffer = buffer;
	}

	/**
	 * @return how many bytes it holds
	 */
	public int length() {
		return this.buffer.readableBytes();
	}

	/**
	 * @return a copy of its bytes
	 */
	public byte[] bytes() {
		return ByteBufUtil.getBytes(this.buffer);
	}

	/**
	 * @return its bytes for one write, with their own reference and indexes: written, or
	 * released by whoever does not write them
	 */
	ByteBuf retainedBuffer() {
		return this.buffer.retainedDuplicate();
	}

	/**
	 * Gives its buffer back, once it has been handled.
	 */
	void release() {
		this.buffer.release();
	}

	@Override
	public String toString() {
		return "Chunk[" + length() + " bytes]";
	}

}
