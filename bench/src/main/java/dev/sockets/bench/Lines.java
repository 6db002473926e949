package dev.sockets.bench;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;

/**
 * Counting line ends in received bytes, without decoding anything.
 */
final class Lines {

	private Lines() {
	}

	static int count(ByteBuf buffer) {
		int count = 0;
		int from = buffer.readerIndex();
		int end = buffer.writerIndex();
		while (from < end) {
			int lf = buffer.forEachByte(from, end - from, ByteProcessor.FIND_LF);
			if (lf < 0) {
				break;
			}
			count++;
			from = lf + 1;
		}
		return count;
	}

}
