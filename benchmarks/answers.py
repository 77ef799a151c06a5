"""A fixed set of answers for the benchmarks (written for mockint; not published answers)."""

EN = [
    ("sales-experience", """At my last company I sold logistics software to mid-sized retailers, and in the third quarter
of 2022 one of our biggest prospects, a chain of 40 stores, was about to sign with a competitor. My
goal was to keep the deal alive and hit my target. First I asked their operations director what was
really driving the decision, and I found out that their main pain was late deliveries in peak season,
not price. Then I set up a call with our solutions engineer and we ran a two-week pilot in three of
their stores. As a result their late deliveries dropped by 18 percent, they signed a two-year contract
worth $240,000, and I finished the quarter at 112% of quota. Before that I spent two years in inside
sales, where I made around sixty calls a day, booked demos for the senior reps and learned how to
qualify a lead quickly. I was promoted to account executive after four quarters above target. Today I
manage about thirty accounts, I run my own pipeline reviews every Monday and I work closely with our
customer success team so that new clients are live within six weeks. I learned to understand the
customer's real problem before I talk about discounts, and I think that is why my renewals stay high."""),
    ("why-sales", """Um, I guess I sort of like people? I think maybe sales is, like, a good fit because I'm a
great communicator and a hard worker. Sorry, I'm not very good at interviews. I just want a job where
I can earn more and, you know, meet people. My last job didn't work out because my manager never gave
me any leads, so it wasn't my fault."""),
    ("handle-objection", """A hospital group told me our price was 30% higher than the competitor they already used. I
asked what the current tool cost them in staff time, and we worked out together that their nurses
spent about five hours a week on manual reports. I showed them a two-month pilot plan, and they agreed
to try it on one ward. After the pilot they signed for all four hospitals, at the original price."""),
    ("questions-for-us", """Yes, thank you. What does career progression look like for account executives here? What
training will I get in the first three months? And what is the biggest challenge the team is facing
this year?"""),
]
