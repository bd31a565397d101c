"""The words panel (View ▸ Words): every saved word, filtered, sorted, acted on."""
