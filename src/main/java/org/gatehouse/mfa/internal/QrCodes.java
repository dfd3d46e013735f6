package org.gatehouse.mfa.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.Map;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
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

	private static BitMatrix matrix(String text, int size) {
		try {
			return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, size, size, HINTS);
		}
		catch (WriterException ex) {
			throw new IllegalArgumentException("QR code could not be drawn for this text");
		}
	}

}
