package dev.idem.functions.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.functions.orders.Pricing.Priced;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PricingTest {

  private static final Map<String, CatalogItem> CATALOG =
      Map.of(
          "SKU-001", new CatalogItem("SKU-001", 2490, "EUR"),
          "SKU-002", new CatalogItem("SKU-002", 5900, "EUR"),
          "GOLD", new CatalogItem("GOLD", Long.MAX_VALUE / 2, "EUR"));

  @Test
  void price_knownSkus_linesAtCatalogPricesAndTheirSum() {
    Priced priced = Pricing.price(request("EUR", line("SKU-001", 2), line("SKU-002", 1)), CATALOG);

    assertThat(priced)
        .isEqualTo(
            new Priced.Ok(
                new PricedLines(
                    List.of(
                        new OrderLine("SKU-001", 2, 2490, 4980),
                        new OrderLine("SKU-002", 1, 5900, 5900)),
                    10880)));
  }

  @Test
  void price_unknownSku_refusedNamingIt() {
    Priced priced = Pricing.price(request("EUR", line("SKU-001", 1), line("NOPE", 1)), CATALOG);

    assertThat(priced)
        .isEqualTo(
            new Priced.Refused("unknown-sku", "Unknown SKU", "sku NOPE is not in the catalog"));
  }

  @Test
  void price_otherCurrencyThanTheCatalog_refused() {
    Priced priced = Pricing.price(request("USD", line("SKU-001", 1)), CATALOG);

    assertThat(priced)
        .isInstanceOfSatisfying(
            Priced.Refused.class,
            refused -> {
              assertThat(refused.type()).isEqualTo("currency-mismatch");
              assertThat(refused.detail())
                  .isEqualTo("currency USD does not match the catalog's currency EUR");
            });
  }

  @Test
  void price_lineTotalOverflows_refusedInsteadOfWrapping() {
    Priced priced = Pricing.price(request("EUR", line("GOLD", 3)), CATALOG);

    assertThat(priced)
        .isInstanceOfSatisfying(
            Priced.Refused.class, r -> assertThat(r.type()).isEqualTo("order-total-too-large"));
  }

  @Test
  void price_sumOfLinesOverflows_refusedInsteadOfWrapping() {
    Map<String, CatalogItem> catalog =
        Map.of(
            "A", new CatalogItem("A", Long.MAX_VALUE / 2 + 1, "EUR"),
            "B", new CatalogItem("B", Long.MAX_VALUE / 2 + 1, "EUR"));

    Priced priced = Pricing.price(request("EUR", line("A", 1), line("B", 1)), catalog);

    assertThat(priced)
        .isInstanceOfSatisfying(
            Priced.Refused.class, r -> assertThat(r.type()).isEqualTo("order-total-too-large"));
  }

  private static PlaceOrderRequest request(String currency, PlaceOrderRequest.Line... lines) {
    return new PlaceOrderRequest("c-1", currency, List.of(lines));
  }

  private static PlaceOrderRequest.Line line(String sku, int quantity) {
    return new PlaceOrderRequest.Line(sku, quantity);
  }
}
