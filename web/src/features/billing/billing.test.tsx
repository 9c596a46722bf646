import { describe, expect, it } from 'vitest';
import { formatMoney, isDecimal } from './money';
import { paymentMethodBody } from './PaymentMethods';
import { tariffBody } from './TariffsPage';

describe('money', () => {
  it('formats decimal strings with their currency, never through a float', () => {
    expect(formatMoney('12.30', 'EUR')).toBe('12.30 EUR');
    expect(formatMoney('0.10', 'EUR')).toBe('0.10 EUR');
    expect(formatMoney(null, 'EUR')).toBe('—');
  });
  it('accepts only the decimals the API takes', () => {
    expect(isDecimal('0.345678')).toBe(true);
    expect(isDecimal('5')).toBe(true);
    expect(isDecimal('0.1234567')).toBe(false);
    expect(isDecimal('1e3')).toBe(false);
    expect(isDecimal('')).toBe(false);
  });
});

describe('tariff form', () => {
  it('sends one unrestricted element with the prices as strings', () => {
    const body = tariffBody({ id: 'x', name: ' City ', currency: 'eur', vatPercent: '19', flatFee: '0.50', perKwh: '0.39', perHour: '0', perIdleHour: '6' });
    expect(body).toEqual({
      name: 'City',
      currency: 'EUR',
      vatPercent: '19',
      flatFee: '0.50',
      elements: [{ pricePerKwh: '0.39', pricePerHourCharging: '0', pricePerHourIdle: '6' }],
    });
  });
});

describe('payment method form', () => {
  it('sends the card customer only for a card', () => {
    expect(paymentMethodBody('idToken', ' TAG1 ', 'card', ' cus_1 ')).toEqual({ idToken: 'TAG1', method: 'card', cardCustomer: 'cus_1' });
    expect(paymentMethodBody('idTokenGroup', 'FLEET', 'wallet', 'cus_1')).toEqual({ idTokenGroup: 'FLEET', method: 'wallet' });
  });
});
