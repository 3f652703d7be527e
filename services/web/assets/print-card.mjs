// Shows the "Print the card" button (hidden without JavaScript, where the page tells people to
// use the browser's print command) and prints when it is pressed.
for (const button of document.querySelectorAll('[data-ycr-print]')) {
  button.hidden = false;
  button.addEventListener('click', () => window.print());
}
