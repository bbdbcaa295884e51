package com.posmodern.omnichannel.payment;

import com.posmodern.omnichannel.pos.orders.OrderBook;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The QR image of an order's PIX code, public so the platforms can fetch it for the customer
 * ({@code GET /payments/pix/{order}.png}); only for orders paid by PIX.
 */
@RestController
public class PixQrController {

  private final OrderBook orders;
  private final PixCharges pix;

  public PixQrController(OrderBook orders, PixCharges pix) {
    this.orders = orders;
    this.pix = pix;
  }

  @GetMapping(path = "/payments/pix/{orderId}.png", produces = MediaType.IMAGE_PNG_VALUE)
  public ResponseEntity<byte[]> qr(@PathVariable String orderId) {
    return orders
        .find(orderId)
        .filter(order -> "pix".equals(order.paymentMethod()))
        .map(
            order ->
                ResponseEntity.ok()
                    .cacheControl(CacheControl.noStore())
                    .body(PixCharges.qrPng(pix.copyAndPaste(order.id(), order.totalCents()))))
        .orElse(ResponseEntity.notFound().build());
  }
}
