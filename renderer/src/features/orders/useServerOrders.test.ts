// The orders screen's filters as the server's query string: every filter the screen shows is one
// the server applies, so the count it answers is the count of what the screen lists.
import { describe, expect, it } from 'vitest';
import { OrdersQuery } from '../../../../protocol';
import { NO_FILTERS } from './orderView';
import { serverParams } from './useServerOrders';

describe('server params of the orders screen', () => {
  it('sends "open" and "within 4 hours" to the server, in parameters it accepts', () => {
    const params = serverParams({ ...NO_FILTERS, search: 'ty1', status: 'open', shipBy: 'soon' }, 'shipBy', false);
    expect(params).toMatchObject({ q: 'ty1', status: 'open', shipBy: 'soon', sort: 'shipBy' });
    expect(OrdersQuery.safeParse(params).success).toBe(true);
  });
});
