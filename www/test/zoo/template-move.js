// Page code: moves the template's content into the page.
document.body.appendChild(document.getElementById('t').content);
