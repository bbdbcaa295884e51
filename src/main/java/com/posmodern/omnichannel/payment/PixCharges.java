package com.posmodern.omnichannel.payment;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.posmodern.omnichannel.payment.pix.PixBrCode;
import com.posmodern.omnichannel.platform.web.PublicUrls;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * PIX charges for orders: the BR Code "copia e cola" (txid = order code, amount = order total) and
 * its QR image, served at {@code /payments/pix/{order}.png} for channels that show images.
 */
public class PixCharges {

  private final PaymentProperties.Pix pix;
  private final PublicUrls urls;

  public PixCharges(PaymentProperties.Pix pix, PublicUrls urls) {
    this.pix = pix;
    this.urls = urls;
  }

  /** The "copia e cola" code for an order. */
  public String copyAndPaste(String orderId, long totalCents) {
    return new PixBrCode(pix.key(), pix.merchantName(), pix.merchantCity(), totalCents, orderId)
        .payload();
  }

  /** Where the QR image of an order's code is served. */
  public String qrImageUrl(String orderId) {
    return urls.of("/payments/pix/" + orderId + ".png");
  }

  /** A PNG QR code of a payload (error correction M, as banking apps read reliably). */
  public static byte[] qrPng(String payload) {
    try {
      BitMatrix matrix =
          new QRCodeWriter()
              .encode(
                  payload,
                  BarcodeFormat.QR_CODE,
                  360,
                  360,
                  Map.of(
                      EncodeHintType.ERROR_CORRECTION,
                      ErrorCorrectionLevel.M,
                      EncodeHintType.MARGIN,
                      2));
      BufferedImage image =
          new BufferedImage(matrix.getWidth(), matrix.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
      for (int x = 0; x < matrix.getWidth(); x++) {
        for (int y = 0; y < matrix.getHeight(); y++) {
          image.setRGB(x, y, matrix.get(x, y) ? 0x000000 : 0xFFFFFF);
        }
      }
      ByteArrayOutputStream png = new ByteArrayOutputStream();
      ImageIO.write(image, "png", png);
      return png.toByteArray();
    } catch (WriterException e) {
      throw new IllegalArgumentException("Cannot encode this payload as a QR code", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
