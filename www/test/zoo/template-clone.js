// Page code: clones the template's content into the page.
document.body.appendChild(document.importNode(document.getElementById('t').content, true));
