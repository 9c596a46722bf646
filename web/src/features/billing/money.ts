// Money as the API writes it: decimal strings, never floats. Formatting only adds the currency; arithmetic on
// amounts stays on the server.
export function formatMoney(amount: string | null | undefined, currency: string | null | undefined): string {
  if (amount == null || amount === '') return '—';
  return currency ? `${amount} ${currency}` : amount;
}

// A decimal price or amount as the API accepts it: up to six fraction digits, no exponent.
export function isDecimal(text: string): boolean {
  return /^-?[0-9]{1,13}(\.[0-9]{1,6})?$/.test(text.trim());
}
