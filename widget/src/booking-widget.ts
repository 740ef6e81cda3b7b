// Placeholder until the widget lands.
customElements.define('booking-widget', class extends HTMLElement {});
