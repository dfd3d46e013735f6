package org.gatehouse.mfa.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.EncodeHintType;
import com.google.zxing.ReaderException;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

/**
 * QR codes drawn inside Gatehouse, as PNG. The text is usually a Key URI, so failures never
 * repeat it.
 */
public final class QrCodes {

	public static final int DEFAULT_SIZE = 256;

	private static final Map<EncodeHintType, Object> HINTS = Map.of(EncodeHintType.CHARACTER_SET, "UTF-8",
			EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4);

	private static final Map<DecodeHintType, Object> READ_HINTS = Map.of(DecodeHintType.CHARACTER_SET, "UTF-8");

	private QrCodes() {
	}

	public static byte[] png(String text) {
		return png(text, DEFAULT_SIZE);
	}

	public static byte[] png(String text, int size) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			MatrixToImageWriter.writeToStream(matrix(text, size), "PNG", out);
		}
		catch (IOException ex) {
			throw new IllegalStateException("QR code could not be written as PNG", ex);
		}
		return out.toByteArray();
	}

	public static String dataUri(String text) {
		return dataUri(text, DEFAULT_SIZE);
	}

	public static String dataUri(String text, int size) {
		return "data:image/png;base64," + Base64.getEncoder().encodeToString(png(text, size));
	}

	/**
	 * The code with the mask the QR specification's penalty rules choose, unless a finder-pattern detector cannot
	 * find it: with some texts that mask (mostly pattern 2, columns) draws shapes a detector takes for finder
	 * patterns, about one Key URI in 25 with zxing's. Then the first mask whose code reads back as the text.
	 */
	private static BitMatrix matrix(String text, int size) {
		BitMatrix chosen = encode(text, size, HINTS);
		if (readsBackAs(chosen, text)) {
			return chosen;
		}
		for (int mask = 0; mask < 8; mask++) {
			Map<EncodeHintType, Object> hints = new EnumMap<>(HINTS);
			hints.put(EncodeHintType.QR_MASK_PATTERN, mask);
			BitMatrix candidate = encode(text, size, hints);
			if (readsBackAs(candidate, text)) {
				return candidate;
			}
		}
		return chosen;
	}

	private static BitMatrix encode(String text, int size, Map<EncodeHintType, Object> hints) {
		try {
			return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, size, size, hints);
		}
		catch (WriterException ex) {
			throw new IllegalArgumentException("QR code could not be drawn for this text");
		}
	}

	private static boolean readsBackAs(BitMatrix matrix, String text) {
		BinaryBitmap image = new BinaryBitmap(
				new HybridBinarizer(new BufferedImageLuminanceSource(MatrixToImageWriter.toBufferedImage(matrix))));
		try {
			return text.equals(new QRCodeReader().decode(image, READ_HINTS).getText());
		}
		catch (ReaderException ex) {
			return false;
		}
	}

}
