// Gives each element with data-colour="#rrggbb" that colour through a CSS variable (see colours.css).
// Setting a property from a script file is allowed by our Content-Security-Policy; an inline style is not.
document.querySelectorAll("[data-colour]").forEach((element) => {
  if (/^#[0-9a-fA-F]{6}$/.test(element.dataset.colour)) {
    element.style.setProperty("--coalition-colour", element.dataset.colour);
  }
});
